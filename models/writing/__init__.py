"""The single write path: who acts and what each role may do (``actor``), cleaning input
(``validation``), the rules between fields and the report workflow (``rules``), the services that
write in one transaction (``services``) and the hash-chained audit log (``audit``)."""
