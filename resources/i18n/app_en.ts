<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>村（社区）党组织书记档案</source>
        <translation>Village (Community) Party Secretary Archive</translation>
    </message>
    <message>
        <source>档案：{path}</source>
        <translation>Archive: {path}</translation>
    </message>
    <message>
        <source>无法打开档案</source>
        <translation>Cannot open the archive</translation>
    </message>
    <message>
        <source>无法打开上次选择的档案：
{error}

可以先打开本机的默认档案；下次启动仍会先打开上次选择的档案（也可在“档案 → 打开其他档案…”中重新选择）。</source>
        <translation>The archive chosen last could not be opened:
{error}

This PC&apos;s default archive can be opened for now; the next start tries the archive chosen last again (another can be chosen in Archive → Open another archive…).</translation>
    </message>
    <message>
        <source>打开本机的默认档案</source>
        <translation>Open this PC&apos;s default archive</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>档案已打开</source>
        <translation>Archive already open</translation>
    </message>
    <message>
        <source>此档案已在另一个窗口中打开：
{path}
请切换到那个窗口。</source>
        <translation>This archive is already open in another window:
{path}
Please switch to that window.</translation>
    </message>
    <message>
        <source>读写文件时出错：</source>
        <translation>Error reading or writing a file: </translation>
    </message>
    <message>
        <source>程序遇到了意外的问题，刚才的操作没有完成，已保存的数据不受影响。请把详细信息复制给技术支持。</source>
        <translation>The program ran into an unexpected problem; the last operation was not completed. Saved data is not affected. Please copy the details for technical support.</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>详细信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>复制详细信息</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>U盘 </source>
        <translation>USB drive </translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>导入人</source>
        <translation>Imported by</translation>
    </message>
    <message>
        <source>新增/更新/删除</source>
        <translation>New/updated/deleted</translation>
    </message>
    <message>
        <source>已导入的交换包（双击打印回执）：</source>
        <translation>Imported exchange packages (double-click to print the receipt):</translation>
    </message>
    <message>
        <source>导出交换包（报送区县）</source>
        <translation>Export an exchange package (for the district)</translation>
    </message>
    <message>
        <source>安装区县公钥…</source>
        <translation>Install the district&apos;s public key…</translation>
    </message>
    <message>
        <source>区县公钥</source>
        <translation>District public key</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>全部档案与报告</source>
        <translation>All files and reports</translation>
    </message>
    <message>
        <source>区县确认收到之后的变化</source>
        <translation>Changes since the district&apos;s last acknowledgement</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>未安装区县公钥时使用</source>
        <translation>Used when no district public key is installed</translation>
    </message>
    <message>
        <source>加密密码</source>
        <translation>Encryption password</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>选择区县公钥文件</source>
        <translation>Choose the district&apos;s public key file</translation>
    </message>
    <message>
        <source>公钥 (*.key *.json)</source>
        <translation>Public key (*.key *.json)</translation>
    </message>
    <message>
        <source>已安装区县公钥。请与区县电话核对指纹：{fp}</source>
        <translation>The district&apos;s public key is installed. Please compare the fingerprint with the district by telephone: {fp}</translation>
    </message>
    <message>
        <source>选择U盘或文件夹</source>
        <translation>Choose a USB drive or folder</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出第{n}号交换包：{path}（{records}条记录，已读回校验）。请将U盘交区县。</source>
        <translation>Exported exchange package No. {n}: {path} ({records} records, read back and verified). Please hand the USB drive to the district.</translation>
    </message>
    <message>
        <source>导入乡镇交换包</source>
        <translation>Import township exchange packages</translation>
    </message>
    <message>
        <source>导出区县公钥…</source>
        <translation>Export the district public key…</translation>
    </message>
    <message>
        <source>导入交换包…</source>
        <translation>Import an exchange package…</translation>
    </message>
    <message>
        <source>仅按密码加密的交换包需要</source>
        <translation>Needed only for packages encrypted with a password</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>取消导入</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <source>保存区县公钥</source>
        <translation>Save the district public key</translation>
    </message>
    <message>
        <source>区县公钥.key</source>
        <translation>district-public-key.key</translation>
    </message>
    <message>
        <source>公钥 (*.key)</source>
        <translation>Public key (*.key)</translation>
    </message>
    <message>
        <source>已导出公钥，指纹：{fp}。乡镇安装后请核对。</source>
        <translation>Public key exported, fingerprint: {fp}. Townships should compare it after installing.</translation>
    </message>
    <message>
        <source>选择交换包</source>
        <translation>Choose an exchange package</translation>
    </message>
    <message>
        <source>交换包 (*.sap)</source>
        <translation>Exchange package (*.sap)</translation>
    </message>
    <message>
        <source>正在校验和预览……</source>
        <translation>Verifying and previewing…</translation>
    </message>
    <message>
        <source>已取消导入，档案没有改动。</source>
        <translation>Import cancelled; the archive is unchanged.</translation>
    </message>
    <message>
        <source>未导入，档案没有变化。</source>
        <translation>Not imported; the archive is unchanged.</translation>
    </message>
    <message>
        <source>正在备份并导入……</source>
        <translation>Backing up and importing…</translation>
    </message>
    <message>
        <source>已导入：新增{new}，更新{updated}，未变{unchanged}，冲突{conflicts}，删除{deleted}</source>
        <translation>Imported: {new} new, {updated} updated, {unchanged} unchanged, {conflicts} conflicts, {deleted} deleted</translation>
    </message>
    <message>
        <source>接收回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>未完成：</source>
        <translation>Not completed: </translation>
    </message>
    <message>
        <source>（档案没有任何改动）</source>
        <translation>(the archive was not changed)</translation>
    </message>
    <message>
        <source>未能完成</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <source>指纹 {fp}</source>
        <translation>Fingerprint {fp}</translation>
    </message>
    <message>
        <source>尚未安装</source>
        <translation>Not installed</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>上次合并时</source>
        <translation>At the last merge</translation>
    </message>
    <message>
        <source>区县现值</source>
        <translation>District value</translation>
    </message>
    <message>
        <source>乡镇报送值</source>
        <translation>Township value</translation>
    </message>
    <message>
        <source>采用乡镇的值</source>
        <translation>Take the township&apos;s value</translation>
    </message>
    <message>
        <source>导入预览 — {township}第{n}号交换包</source>
        <translation>Import preview — {township} package No. {n}</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>冲突（逐项选择）</source>
        <translation>Conflicts (choose item by item)</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>条数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>涉及的书记</source>
        <translation>Secretaries concerned</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>以下记录未通过检查，整个交换包不能导入（请乡镇更正后重新导出）：</source>
        <translation>These records failed the checks; the whole package cannot be imported (the township must correct them and export again):</translation>
    </message>
    <message>
        <source>区县和乡镇都改过的项目：默认保留区县现值，勾选则采用乡镇报送值；未采用的值保留在该记录的修改记录和操作日志中。</source>
        <translation>Items changed by both the district and the township: the district&apos;s value is kept unless ticked; a value not taken stays in the record&apos;s history and the audit log.</translation>
    </message>
    <message>
        <source>首次收到该乡镇的交换包。已与乡镇电话核对签名指纹：{fp}</source>
        <translation>First package from this township. I have compared the signing fingerprint with the township by telephone: {fp}</translation>
    </message>
    <message>
        <source>该乡镇更换了签名密钥（如更换电脑）。已与乡镇电话核对新指纹：{fp}，重新登记</source>
        <translation>This township changed its signing key (e.g. a new computer). I have compared the new fingerprint by telephone: {fp}; register it again</translation>
    </message>
    <message>
        <source>确认将 {n} 条乡镇已删除的记录移入回收站</source>
        <translation>Confirm moving {n} records deleted by the township to the recycle bin</translation>
    </message>
    <message>
        <source>该交换包此前已导入，再次导入不会有任何变化。</source>
        <translation>This package was imported before; importing it again changes nothing.</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>已登记的密钥</source>
        <translation>Registered key</translation>
    </message>
    <message>
        <source>首次收到，须核对指纹</source>
        <translation>First contact: compare the fingerprint</translation>
    </message>
    <message>
        <source>与已登记的密钥不同！</source>
        <translation>Different from the registered key!</translation>
    </message>
    <message>
        <source>发送方：{township}  签名指纹：{fp}（{state}）</source>
        <translation>Sender: {township}  Signing fingerprint: {fp} ({state})</translation>
    </message>
    <message>
        <source>请先与乡镇核对并勾选签名指纹</source>
        <translation>Please compare the signing fingerprint with the township and tick it first</translation>
    </message>
    <message>
        <source>该乡镇的签名密钥与登记的不同：核对无误后由管理员勾选重新登记，否则请不要导入</source>
        <translation>The township&apos;s signing key differs from the registered one: an administrator may tick to register it again after checking; otherwise do not import</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>村（社区）党组织书记档案与“一事一报”管理
版本 {version}（构建 {build}）
单机使用，无需联网。</source>
        <translation>Village (Community) Party Secretary Archive and &quot;One Matter, One Report&quot;
Version {version} (build {build})
Runs on a single PC, no internet needed.</translation>
    </message>
    <message>
        <source>源码</source>
        <translation>source</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>未保存的修改不会保存</source>
        <translation>Unsaved changes will not be saved</translation>
    </message>
    <message>
        <source>首次使用：创建管理员</source>
        <translation>First start: create the administrator</translation>
    </message>
    <message>
        <source>这是一个新的档案。请设置管理员账号，之后用它登录并为其他人员建立账号。</source>
        <translation>This is a new archive. Please set up the administrator account; sign in with it afterwards and create accounts for the others.</translation>
    </message>
    <message>
        <source>乡镇（街道）使用：管理本乡镇的档案</source>
        <translation>For a township (sub-district): keep this township&apos;s files</translation>
    </message>
    <message>
        <source>区县汇总使用：导入、合并各乡镇的交换包</source>
        <translation>For the district: import and merge the townships&apos; exchange packages</translation>
    </message>
    <message>
        <source>本档案用于</source>
        <translation>This archive is</translation>
    </message>
    <message>
        <source>乡镇（街道）名称</source>
        <translation>Township (sub-district) name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>密码（至少8位）</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>请填写乡镇（街道）名称</source>
        <translation>Please enter the township (sub-district) name</translation>
    </message>
    <message>
        <source>请填写姓名和用户名</source>
        <translation>Please enter the name and the user name</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>人事档案</source>
        <translation>Personnel files</translation>
    </message>
    <message>
        <source>一事一报</source>
        <translation>One matter, one report</translation>
    </message>
    <message>
        <source>集中报告</source>
        <translation>Annual report</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>区县汇总</source>
        <translation>District</translation>
    </message>
    <message>
        <source>档案(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建人事档案(&amp;N)</source>
        <translation>&amp;New personnel file</translation>
    </message>
    <message>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>打印当前页面(&amp;P)</source>
        <translation>&amp;Print this page</translation>
    </message>
    <message>
        <source>下一个页面</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>上一个页面</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>打开其他档案(&amp;O)…</source>
        <translation>&amp;Open another archive…</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>空白表格（手工填写）…</source>
        <translation>Blank forms (to fill in by hand)…</translation>
    </message>
    <message>
        <source>查阅借阅登记簿（全部档案）</source>
        <translation>Access and loan registers (all files)</translation>
    </message>
    <message>
        <source>批量打印人事档案…</source>
        <translation>Print personnel files in batch…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>使用说明(&amp;M)</source>
        <translation>User &amp;guide</translation>
    </message>
    <message>
        <source>快捷键(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>当前用户：{name}（{role}）</source>
        <translation>Signed in: {name} ({role})</translation>
    </message>
    <message>
        <source>档案检查通过</source>
        <translation>Archive check passed</translation>
    </message>
    <message>
        <source>打开档案时的检查发现问题：{faults}。请先不要继续录入，联系技术支持，或在命令行用 restore 从备份恢复。</source>
        <translation>The check on opening the archive found problems: {faults}. Please stop entering data and contact technical support, or restore from a backup with the command-line restore.</translation>
    </message>
    <message>
        <source>已自动锁定。请{name}输入密码继续。</source>
        <translation>Locked automatically. {name}, please enter your password to continue.</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>未报</source>
        <translation>Not filed</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>开启年度集中报告…</source>
        <translation>Open a year&apos;s annual report…</translation>
    </message>
    <message>
        <source>登记时使用的报告日期：纸质报告按实际收到的日期登记</source>
        <translation>The report date used when filing: paper reports are registered with the date they were received</translation>
    </message>
    <message>
        <source>报告年度</source>
        <translation>Report year</translation>
    </message>
    <message>
        <source>报告日期</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>所选人员登记“无”</source>
        <translation>File &quot;none&quot; for the selected people</translation>
    </message>
    <message>
        <source>填写/查看报告…</source>
        <translation>Fill in / view the report…</translation>
    </message>
    <message>
        <source>为所选的一人填写报告事项；已报送的可查看和更正</source>
        <translation>Fill in the report for the one person selected; a filed report can be viewed and corrected</translation>
    </message>
    <message>
        <source>打印集中报告表</source>
        <translation>Print annual report forms</translation>
    </message>
    <message>
        <source>打印所选人员已提交的集中报告表；未选择时打印本年度全部已提交的</source>
        <translation>Print the filed forms of the selected people; with none selected, all of this year&apos;s filed forms</translation>
    </message>
    <message>
        <source>打印空白表</source>
        <translation>Print a blank form</translation>
    </message>
    <message>
        <source>打印本年度的空白集中报告表，供本人手工填写</source>
        <translation>Print this year&apos;s blank annual report form, to be filled in by hand</translation>
    </message>
    <message>
        <source>{year}年度</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>尚未开启该年度的集中报告。请点“开启集中报告”。</source>
        <translation>The annual report of this year has not been opened. Click &quot;Open annual report&quot;.</translation>
    </message>
    <message>
        <source>截止 {due}：在任 {serving} 人，已报 {filed} 人（按期 {on_time}，逾期报送 {late}），未报 {missing} 人（其中已过截止日 {missing_overdue}），覆盖率 {ratio:.1%}</source>
        <translation>Due {due}: {serving} serving, {filed} filed ({on_time} on time, {late} late), {missing} not filed ({missing_overdue} past the due date), coverage {ratio:.1%}</translation>
    </message>
    <message>
        <source>尚未开启该年度的集中报告</source>
        <translation>The annual report of this year has not been opened</translation>
    </message>
    <message>
        <source>开启集中报告</source>
        <translation>Open annual report</translation>
    </message>
    <message>
        <source>报告年度（截止日为{due}）：</source>
        <translation>Report year (due date {due}):</translation>
    </message>
    <message>
        <source>未能开启</source>
        <translation>Could not open</translation>
    </message>
    <message>
        <source>登记“无”</source>
        <translation>File &quot;none&quot;</translation>
    </message>
    <message>
        <source>请选中尚未报送的人员</source>
        <translation>Please select people who have not filed</translation>
    </message>
    <message>
        <source>
以下 {n} 人本年度有事项报告，不能直接登记“无”，请逐人填写：{names}</source>
        <translation>
These {n} people reported matters this year and cannot be filed as &quot;none&quot;; fill in each one: {names}</translation>
    </message>
    <message>
        <source> 等</source>
        <translation> and others</translation>
    </message>
    <message>
        <source>为 {n} 人登记{year}年度集中报告，全部事项为“无”，报告日期 {day}：
{names}{skipped}

确定吗？</source>
        <translation>File the {year} annual report for {n} people, &quot;none&quot; for every matter, report date {day}:
{names}{skipped}

Continue?</translation>
    </message>
    <message>
        <source>已为 {n} 人登记“无”</source>
        <translation>Filed &quot;none&quot; for {n} people</translation>
    </message>
    <message>
        <source>请选中一个人</source>
        <translation>Please select one person</translation>
    </message>
    <message>
        <source>{year}年度集中报告 — {name}</source>
        <translation>{year} annual report — {name}</translation>
    </message>
    <message>
        <source>截止日期：{due}。未发生的事项填“无”。</source>
        <translation>Due date: {due}. Answer &quot;none&quot; (无) for matters that did not occur.</translation>
    </message>
    <message>
        <source>报告日期（收到报告的日期）</source>
        <translation>Report date (the day it was received)</translation>
    </message>
    <message>
        <source>更正并保存</source>
        <translation>Correct and save</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请核实：</source>
        <translation>Please check:</translation>
    </message>
    <message>
        <source>请核实</source>
        <translation>Please check</translation>
    </message>
    <message>
        <source>仍然按现在的内容保存吗？</source>
        <translation>Save it as it is anyway?</translation>
    </message>
    <message>
        <source>姓名、拼音首字母或身份证号</source>
        <translation>Name, pinyin initials or ID number</translation>
    </message>
    <message>
        <source>报告时间从 2026-01-01</source>
        <translation>Report date from 2026-01-01</translation>
    </message>
    <message>
        <source>至 2026-12-31</source>
        <translation>to 2026-12-31</translation>
    </message>
    <message>
        <source>全部乡镇</source>
        <translation>All townships</translation>
    </message>
    <message>
        <source>全部村（社区）</source>
        <translation>All villages (communities)</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All matters</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>事前和事后</source>
        <translation>Before and after</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>按期与逾期</source>
        <translation>On time and overdue</translation>
    </message>
    <message>
        <source>按期</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>登记报告</source>
        <translation>Register a report</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>导出Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>打印台账（按当前筛选）</source>
        <translation>Print the ledger (as filtered)</translation>
    </message>
    <message>
        <source>打印当前筛选出的全部报告：先设好报告时间、乡镇等条件</source>
        <translation>Print every report the filter shows: set the report dates, township and so on first</translation>
    </message>
    <message>
        <source>共 {n} 份以上，正在计数……</source>
        <translation>More than {n} reports, counting…</translation>
    </message>
    <message>
        <source>共 {n} 份</source>
        <translation>{n} reports</translation>
    </message>
    <message>
        <source>未能计数（可稍后重新筛选）</source>
        <translation>Could not count (filter again later)</translation>
    </message>
    <message>
        <source>导出台账</source>
        <translation>Export the ledger</translation>
    </message>
    <message>
        <source>个人重大事项报告登记台账.xlsx</source>
        <translation>major-matter-report-ledger.xlsx</translation>
    </message>
    <message>
        <source>已导出 {n} 份到 {path}</source>
        <translation>Exported {n} reports to {path}</translation>
    </message>
    <message>
        <source>个人重大事项报告（一事一报）</source>
        <translation>Personal major matter report (one matter, one report)</translation>
    </message>
    <message>
        <source>报告人</source>
        <translation>Reporting person</translation>
    </message>
    <message>
        <source>事项类别</source>
        <translation>Matter type</translation>
    </message>
    <message>
        <source>事前/事后</source>
        <translation>Before/after</translation>
    </message>
    <message>
        <source>对应的事前报告</source>
        <translation>Matching &quot;before&quot; report</translation>
    </message>
    <message>
        <source>事项时间</source>
        <translation>Date of the matter</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>涉及人员</source>
        <translation>People involved</translation>
    </message>
    <message>
        <source>如：结婚人姓名</source>
        <translation>e.g. the name of the person marrying</translation>
    </message>
    <message>
        <source>与本人关系</source>
        <translation>Relation to the reporter</translation>
    </message>
    <message>
        <source>如：儿子</source>
        <translation>e.g. son</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>受理人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>事项内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>是否按期</source>
        <translation>On time?</translation>
    </message>
    <message>
        <source>逾期报告须说明原因</source>
        <translation>An overdue report must give its reason</translation>
    </message>
    <message>
        <source>逾期说明</source>
        <translation>Reason for lateness</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>审核结果</source>
        <translation>Review result</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Review opinion</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>提交（受理）</source>
        <translation>Submit (receive)</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>抽查核实…</source>
        <translation>Spot check…</translation>
    </message>
    <message>
        <source>附件…</source>
        <translation>Attachments…</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>事项时间 {day}</source>
        <translation>Matter on {day}</translation>
    </message>
    <message>
        <source>填写事项时间后自动计算</source>
        <translation>Worked out once the matter&apos;s date is entered</translation>
    </message>
    <message>
        <source>截止 {due}，{state}</source>
        <translation>Due {due}, {state}</translation>
    </message>
    <message>
        <source>附件（{n}）…</source>
        <translation>Attachments ({n})…</translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <source>已保存，状态：{status}</source>
        <translation>Saved, status: {status}</translation>
    </message>
    <message>
        <source>选择附件</source>
        <translation>Choose attachments</translation>
    </message>
    <message>
        <source>图片或PDF (*.png *.jpg *.jpeg *.tif *.pdf)</source>
        <translation>Images or PDF (*.png *.jpg *.jpeg *.tif *.pdf)</translation>
    </message>
    <message>
        <source>未能添加附件：</source>
        <translation>Could not add the attachment: </translation>
    </message>
    <message>
        <source>已登记抽查核实结果：{result}</source>
        <translation>Spot check result recorded: {result}</translation>
    </message>
    <message>
        <source>抽查核实</source>
        <translation>Spot check</translation>
    </message>
    <message>
        <source>核实日期</source>
        <translation>Check date</translation>
    </message>
    <message>
        <source>核实结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <source>处理方式</source>
        <translation>Action taken</translation>
    </message>
    <message>
        <source>核实人</source>
        <translation>Checked by</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>姓名/拼音首字母/身份证号</source>
        <translation>Name / pinyin initials / ID number</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>完整备份到U盘或文件夹…</source>
        <translation>Full backup to a USB drive or folder…</translation>
    </message>
    <message>
        <source>用所选备份恢复…</source>
        <translation>Restore from the selected backup…</translation>
    </message>
    <message>
        <source>从备份文件恢复…</source>
        <translation>Restore from a backup file…</translation>
    </message>
    <message>
        <source>此档案在服务器上的数据库中，由服务器备份（pg_dump，扫描件和照片也在其中；见说明书）。这里的备份与恢复用于单机的档案文件。</source>
        <translation>This archive lives in a database on a server and is backed up by the server (pg_dump, scans and photos included; see the manual). Backup and restore here are for archive files on one PC.</translation>
    </message>
    <message>
        <source>本档案的自动备份 {n} 份，连同扫描件共 {used}（上限为档案大小的 {multiple} 倍，即 {limit}；超出时删去最旧的）。备份文件夹：{folder}</source>
        <translation>This archive has {n} automatic backups, {used} with scans (the limit is {multiple} times the archive&apos;s size, {limit}; the oldest are removed beyond it). Backup folder: {folder}</translation>
    </message>
    <message>
        <source>保存完整备份</source>
        <translation>Save a full backup</translation>
    </message>
    <message>
        <source>档案备份.zip</source>
        <translation>archive-backup.zip</translation>
    </message>
    <message>
        <source>备份 (*.zip)</source>
        <translation>Backup (*.zip)</translation>
    </message>
    <message>
        <source>正在备份并读回校验……</source>
        <translation>Backing up and reading back…</translation>
    </message>
    <message>
        <source>已完整备份到 {path}（已读回校验；在任何电脑上都可用它恢复）。</source>
        <translation>Fully backed up to {path} (read back and verified; it restores on any PC).</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>请先在列表中选择一份备份</source>
        <translation>Please select a backup in the list first</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>将用备份“{name}”替换当前档案。当前档案（含其扫描件）会先另存在备份文件夹中，可以再恢复回来。恢复后需要重新登录。是否继续？</source>
        <translation>The current archive will be replaced by the backup &quot;{name}&quot;. The current archive (with its scans) is first kept in the backup folder and can be restored later. You will sign in again after the restore. Continue?</translation>
    </message>
    <message>
        <source>正在校验备份并恢复……</source>
        <translation>Verifying the backup and restoring…</translation>
    </message>
    <message>
        <source>代码表</source>
        <translation>Code tables</translation>
    </message>
    <message>
        <source>打勾的项目出现在下拉列表中。取消打勾即停用：已填写该项的记录保留原值。民族、性别为国家标准代码，不在此修改。</source>
        <translation>Ticked entries are offered in the drop-down lists. Untick to switch one off: records that have it keep their value. Ethnic group and sex are national standard codes and are not changed here.</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore defaults</translation>
    </message>
    <message>
        <source>默认项目重新启用并按默认顺序排列；自己添加的项目保留在后面</source>
        <translation>The default entries are switched on again in their default order; entries added here stay after them</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>在“{list}”中添加：</source>
        <translation>Add to &quot;{list}&quot;:</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>共 {n} 条。双击一行打开。</source>
        <translation>{n} rows. Double-click a row to open it.</translation>
    </message>
    <message>
        <source>点击数字可查看明细。</source>
        <translation>Click a figure to see what it counts.</translation>
    </message>
    <message>
        <source>{mode}模式 · {townships}个乡镇 · {units}个村（社区） · 当前用户：{user}（{role}）</source>
        <translation>{mode} mode · {townships} townships · {units} villages (communities) · signed in: {user} ({role})</translation>
    </message>
    <message>
        <source>各村（社区）及其档案数。名称录错可改名；重复登记或已合并的村可合并（档案随之转入）；已撤销且没有档案的村可撤销（进入回收站，可恢复）。</source>
        <translation>Each village (community) and its number of files. A mistyped name can be renamed; a village registered twice or merged can be merged (its files move along); a village that no longer exists and has no files can be retired (to the recycle bin, restorable).</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>档案数</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>新建村（社区）…</source>
        <translation>New village (community)…</translation>
    </message>
    <message>
        <source>改名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>乡镇（街道）</source>
        <translation>Township (sub-district)</translation>
    </message>
    <message>
        <source>改名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>新的名称：</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>已改名为“{name}”</source>
        <translation>Renamed to &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>本乡镇没有可以合并到的其他村（社区）</source>
        <translation>This township has no other village (community) to merge into</translation>
    </message>
    <message>
        <source>合并到</source>
        <translation>Merge into</translation>
    </message>
    <message>
        <source>把所选村（社区）的档案全部转入：</source>
        <translation>Move every file of the selected village (community) to:</translation>
    </message>
    <message>
        <source>把“{source}”的全部档案转入“{target}”，并撤销“{source}”？
每份档案的转入都记入修改记录。</source>
        <translation>Move every file of &quot;{source}&quot; to &quot;{target}&quot; and retire &quot;{source}&quot;?
Each file&apos;s move is recorded in its history.</translation>
    </message>
    <message>
        <source>“{source}”已并入“{target}”</source>
        <translation>&quot;{source}&quot; merged into &quot;{target}&quot;</translation>
    </message>
    <message>
        <source>撤销“{name}”？它将不再出现在选择列表中（在回收站中可恢复）。</source>
        <translation>Retire &quot;{name}&quot;? It will no longer be offered in the lists (restorable from the recycle bin).</translation>
    </message>
    <message>
        <source>已撤销“{name}”</source>
        <translation>Retired &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <source>未保存：第{row}行：{message}</source>
        <translation>Not saved: row {row}: {message}</translation>
    </message>
    <message>
        <source>已保存。{n} 份尚未审核的报告按新的时限重新判断了是否按期；已审核的报告保持审核时的判断。</source>
        <translation>Saved. {n} reports not yet reviewed were judged again against the new time limits; reviewed reports keep the judgement they were reviewed with.</translation>
    </message>
    <message>
        <source>模式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>档案</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>安装标识</source>
        <translation>Installation ID</translation>
    </message>
    <message>
        <source>结构版本</source>
        <translation>Schema version</translation>
    </message>
    <message>
        <source>如：内部；留空则不标注</source>
        <translation>e.g. 内部 (internal); leave empty for no marking</translation>
    </message>
    <message>
        <source>保存密级标注</source>
        <translation>Save the classification marking</translation>
    </message>
    <message>
        <source>打印的密级标注</source>
        <translation>Classification marking on printed forms</translation>
    </message>
    <message>
        <source>界面语言 (Language)</source>
        <translation>Language (界面语言)</translation>
    </message>
    <message>
        <source>界面语言已保存，重新启动程序后生效。（Takes effect when the application is restarted.）</source>
        <translation>Language saved; it takes effect when the application is restarted. (重新启动程序后生效。)</translation>
    </message>
    <message>
        <source>已保存，之后打印的表格将在每页标注“{text}”。</source>
        <translation>Saved; forms printed from now on carry &quot;{text}&quot; on every page.</translation>
    </message>
    <message>
        <source>报告事项类别</source>
        <translation>Matter types</translation>
    </message>
    <message>
        <source>乡镇与村（社区）</source>
        <translation>Townships and villages</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>档案信息</source>
        <translation>Archive information</translation>
    </message>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>在任</source>
        <translation>Serving</translation>
    </message>
    <message>
        <source>已报</source>
        <translation>Filed</translation>
    </message>
    <message>
        <source>逾期报送</source>
        <translation>Filed late</translation>
    </message>
    <message>
        <source>覆盖率</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>统计年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>打印统计表</source>
        <translation>Print the statistics</translation>
    </message>
    <message>
        <source>未报人员</source>
        <translation>People not filed</translation>
    </message>
    <message>
        <source>所选乡镇的村（社区）：</source>
        <translation>Villages (communities) of the selected township:</translation>
    </message>
    <message>
        <source>（尚未开启该年度集中报告）</source>
        <translation>(the annual report of that year has not been opened)</translation>
    </message>
    <message>
        <source>{year}年度集中报告{state}：在任 {serving} 人，已报 {filed} 人，按期 {on_time} 人，逾期 {overdue} 人，未报 {missing} 人，覆盖率 {coverage:.1%}</source>
        <translation>{year} annual report{state}: {serving} serving, {filed} filed, {on_time} on time, {overdue} overdue, {missing} not filed, coverage {coverage:.1%}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>平时报告 {total} 份（按期 {on_time}，逾期 {overdue}；{timing}）。按事项：{types}。抽查核实：{checks}。</source>
        <translation>{total} ordinary reports ({on_time} on time, {overdue} overdue; {timing}). By matter: {types}. Spot checks: {checks}.</translation>
    </message>
    <message>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>上次登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>新建用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>重设密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>停用/启用</source>
        <translation>Disable/enable</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已新建用户“{name}”</source>
        <translation>User &quot;{name}&quot; created</translation>
    </message>
    <message>
        <source>密码已重设</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>已启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>已解锁</source>
        <translation>Unlocked</translation>
    </message>
    <message>
        <source>××省××县</source>
        <translation>e.g. Province, County</translation>
    </message>
    <message>
        <source>基本情况</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>学历学位</source>
        <translation>Education and degrees</translation>
    </message>
    <message>
        <source>××村党支部书记、村委会主任</source>
        <translation>e.g. Party branch secretary and village committee director</translation>
    </message>
    <message>
        <source>书记兼任村（居）委会主任</source>
        <translation>Secretary also chairs the village (residents&apos;) committee</translation>
    </message>
    <message>
        <source>任免审批时填写</source>
        <translation>Filled in at appointment approval</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>离任、调出或去世的时间</source>
        <translation>When the person left, was transferred or died</translation>
    </message>
    <message>
        <source>联系方式与状态</source>
        <translation>Contact and status</translation>
    </message>
    <message>
        <source>出生年月与身份证号中的出生日期（{birth}）不一致，请核对。</source>
        <translation>The date of birth differs from the one in the ID number ({birth}); please check.</translation>
    </message>
    <message>
        <source>性别与身份证号不一致，请核对。</source>
        <translation>The sex differs from the ID number; please check.</translation>
    </message>
    <message>
        <source>重大事项报告</source>
        <translation>Major matter report</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>信息核验</source>
        <translation>Consistency check</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>修改内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>导出任免审批表…</source>
        <translation>Export appointment form…</translation>
    </message>
    <message>
        <source>导出为干部任免审批表文件（.lrmx），供组织部门的干部管理系统读入</source>
        <translation>Export as a cadre appointment form file (.lrmx) for the organisation department&apos;s cadre system</translation>
    </message>
    <message>
        <source>请先保存档案再导出：导出的是已保存的内容</source>
        <translation>Please save the file before exporting: what is exported is what is saved</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <source>撤销上一次保存…</source>
        <translation>Undo the last save…</translation>
    </message>
    <message>
        <source>把这份档案最近一次保存的修改全部改回去（记入修改记录）；再点一次撤销更早的一次</source>
        <translation>Set back every change of this file&apos;s latest save (recorded in its history); click again to undo the save before</translation>
    </message>
    <message>
        <source>这份档案没有可以撤销的保存</source>
        <translation>This file has no save that can be undone</translation>
    </message>
    <message>
        <source>请先保存或放弃当前的修改，再撤销上一次保存</source>
        <translation>Please save or discard the current changes before undoing the last save</translation>
    </message>
    <message>
        <source>撤销 {actor} 在 {at} 的保存？
{what}</source>
        <translation>Undo the save by {actor} at {at}?
{what}</translation>
    </message>
    <message>
        <source>撤销上一次保存</source>
        <translation>Undo the last save</translation>
    </message>
    <message>
        <source>未撤销：</source>
        <translation>Not undone: </translation>
    </message>
    <message>
        <source>已撤销上一次保存</source>
        <translation>The last save was undone</translation>
    </message>
    <message>
        <source>新建档案</source>
        <translation>New file</translation>
    </message>
    <message>
        <source>人事档案 — {name}</source>
        <translation>Personnel file — {name}</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>请核对：</source>
        <translation>Please check: </translation>
    </message>
    <message>
        <source>请先保存档案再打印：打印的是已保存的内容</source>
        <translation>Please save the file before printing: what is printed is what is saved</translation>
    </message>
    <message>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>档案有修改尚未保存。要保存吗？</source>
        <translation>The file has unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Delete the selected rows</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>导入照片…</source>
        <translation>Import a photo…</translation>
    </message>
    <message>
        <source>移除照片</source>
        <translation>Remove the photo</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png *.bmp *.tif)</source>
        <translation>Images (*.jpg *.jpeg *.png *.bmp *.tif)</translation>
    </message>
    <message>
        <source>无法读取该文件</source>
        <translation>The file cannot be read</translation>
    </message>
    <message>
        <source>导入花名册（Excel）</source>
        <translation>Import a roster (Excel)</translation>
    </message>
    <message>
        <source>花名册第一行为列名，至少有“乡镇”“村（社区）”“姓名”三列；有身份证号的人更新已有档案，其余新建。先检查，全部无误才能导入。</source>
        <translation>The roster&apos;s first row holds the column names, at least &quot;乡镇&quot;, &quot;村(社区)&quot; and &quot;姓名&quot;; people with an ID number update their existing file, the others get a new one. It is checked first and imported only when every row is right.</translation>
    </message>
    <message>
        <source>选择花名册文件…</source>
        <translation>Choose a roster file…</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <source>选择花名册</source>
        <translation>Choose a roster</translation>
    </message>
    <message>
        <source>未能读取：</source>
        <translation>Could not read: </translation>
    </message>
    <message>
        <source>{n} 行有问题（红色），请在Excel中改正后重新选择文件；未导入任何数据。</source>
        <translation>{n} rows have problems (in red); correct them in Excel and choose the file again. Nothing was imported.</translation>
    </message>
    <message>
        <source>检查通过：将新建 {created} 份、更新 {updated} 份档案。点“导入”写入档案。</source>
        <translation>Check passed: {created} files will be created and {updated} updated. Click &quot;Import&quot; to write them.</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>无变化</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>有问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>{part}按文件替换</source>
        <translation>{part} replaced from the file</translation>
    </message>
    <message>
        <source>简历中{n}行无法识别，按原文保留</source>
        <translation>{n} resume lines not recognised, kept as text</translation>
    </message>
    <message>
        <source>导入任免审批表（.lrmx / .lrm）</source>
        <translation>Import appointment forms (.lrmx / .lrm)</translation>
    </message>
    <message>
        <source>可一次选择多个文件或一个文件夹。先逐人列出将新建或更新的内容，确认后一次导入；原文件随档案保存。</source>
        <translation>Choose several files or a folder. What would be created or updated is listed person by person first, then imported in one go; the original files are kept with the files.</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <source>选择文件夹…</source>
        <translation>Choose a folder…</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>匹配</source>
        <translation>Matched by</translation>
    </message>
    <message>
        <source>新建档案所在的村（社区）</source>
        <translation>Village (community) of new files</translation>
    </message>
    <message>
        <source>跳过有问题的文件，导入其余文件</source>
        <translation>Skip the files with problems and import the others</translation>
    </message>
    <message>
        <source>已核对：按姓名+出生年月匹配到的是同一人</source>
        <translation>Checked: the people matched by name and birth month are the same</translation>
    </message>
    <message>
        <source>选择任免审批表</source>
        <translation>Choose appointment forms</translation>
    </message>
    <message>
        <source>任免审批表 (*.lrmx *.lrm)</source>
        <translation>Appointment forms (*.lrmx *.lrm)</translation>
    </message>
    <message>
        <source>选择文件夹</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <source>共 {n} 个文件：新建 {new}，更新 {updated}，无变化 {same}，有问题 {bad}</source>
        <translation>{n} files: {new} new, {updated} updated, {same} unchanged, {bad} with problems</translation>
    </message>
    <message>
        <source>未导入：</source>
        <translation>Not imported: </translation>
    </message>
    <message>
        <source>导出任免审批表到文件夹</source>
        <translation>Export appointment forms to a folder</translation>
    </message>
    <message>
        <source>文件或档案已变化，检查发现问题，未导入任何数据。</source>
        <translation>The file or the archive changed; the check found problems and nothing was imported.</translation>
    </message>
    <message>
        <source>已导入：新建 {created} 份、更新 {updated} 份档案。</source>
        <translation>Imported: {created} files created, {updated} updated.</translation>
    </message>
    <message>
        <source>输入姓名、拼音首字母（如 zs）、身份证号或村名查找</source>
        <translation>Find by name, pinyin initials (e.g. zs), ID number or village</translation>
    </message>
    <message>
        <source>打开档案</source>
        <translation>Open the file</translation>
    </message>
    <message>
        <source>删除（移入回收站）</source>
        <translation>Delete (to the recycle bin)</translation>
    </message>
    <message>
        <source>批量打印…</source>
        <translation>Batch print…</translation>
    </message>
    <message>
        <source>导入/导出</source>
        <translation>Import/export</translation>
    </message>
    <message>
        <source>导入花名册（Excel）…</source>
        <translation>Import a roster (Excel)…</translation>
    </message>
    <message>
        <source>导出花名册（Excel）…</source>
        <translation>Export the roster (Excel)…</translation>
    </message>
    <message>
        <source>导入任免审批表（.lrmx/.lrm）…</source>
        <translation>Import appointment forms (.lrmx/.lrm)…</translation>
    </message>
    <message>
        <source>导出所选档案的任免审批表（.lrmx）…</source>
        <translation>Export the selected files as appointment forms (.lrmx)…</translation>
    </message>
    <message>
        <source>信息核验…</source>
        <translation>Consistency check…</translation>
    </message>
    <message>
        <source>各档案“三龄两历一身份”的待核问题与完整度</source>
        <translation>Each file&apos;s open consistency warnings (ages, histories, identity) and completeness</translation>
    </message>
    <message>
        <source>回收站</source>
        <translation>Recycle bin</translation>
    </message>
    <message>
        <source>恢复所选档案</source>
        <translation>Restore the selected files</translation>
    </message>
    <message>
        <source>已导出任免审批表 {n} 份到 {folder}</source>
        <translation>Exported {n} appointment forms to {folder}</translation>
    </message>
    <message>
        <source>导出花名册</source>
        <translation>Export the roster</translation>
    </message>
    <message>
        <source>书记花名册.xlsx</source>
        <translation>secretary-roster.xlsx</translation>
    </message>
    <message>
        <source>已导出花名册：{n}人 → {path}</source>
        <translation>Roster exported: {n} people → {path}</translation>
    </message>
    <message>
        <source>回收站中</source>
        <translation>In the recycle bin</translation>
    </message>
    <message>
        <source>{where}显示 {shown} / 共 {total} 人</source>
        <translation>{where}showing {shown} of {total} people</translation>
    </message>
    <message>
        <source>未能删除</source>
        <translation>Could not delete</translation>
    </message>
    <message>
        <source>删除档案</source>
        <translation>Delete the file</translation>
    </message>
    <message>
        <source>将“{name}”的档案移入回收站（可恢复）。
删除原因：</source>
        <translation>Move the file of &quot;{name}&quot; to the recycle bin (restorable).
Reason:</translation>
    </message>
    <message>
        <source>未能恢复</source>
        <translation>Could not restore</translation>
    </message>
    <message>
        <source>扫描件 — {title}</source>
        <translation>Scans — {title}</translation>
    </message>
    <message>
        <source>无法显示：{problem}</source>
        <translation>Cannot be shown: {problem}</translation>
    </message>
    <message>
        <source>添加扫描件…</source>
        <translation>Add scans…</translation>
    </message>
    <message>
        <source>查看扫描件</source>
        <translation>View scans</translation>
    </message>
    <message>
        <source>已编目 {pages} 页，已扫描 {scans} 页</source>
        <translation>{pages} pages catalogued, {scans} pages scanned</translation>
    </message>
    <message>
        <source>选择扫描件</source>
        <translation>Choose scans</translation>
    </message>
    <message>
        <source>请先选中一条已保存的材料（新添加的材料请先保存档案）</source>
        <translation>Please select a saved material first (save the file before scanning a new one)</translation>
    </message>
    <message>
        <source>所选材料还没有扫描件</source>
        <translation>The selected material has no scans yet</translation>
    </message>
    <message>
        <source>新建村（社区）</source>
        <translation>New village (community)</translation>
    </message>
    <message>
        <source>所在乡镇（街道）</source>
        <translation>Township (sub-district)</translation>
    </message>
    <message>
        <source>村（社区）名称</source>
        <translation>Village (community) name</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>打印{title}</source>
        <translation>Print {title}</translation>
    </message>
    <message>
        <source>计算年龄时间</source>
        <translation>Ages calculated at</translation>
    </message>
    <message>
        <source>与上次打印相同（{day}）</source>
        <translation>Same as the last print ({day})</translation>
    </message>
    <message>
        <source>填表人</source>
        <translation>Filled in by</translation>
    </message>
    <message>
        <source>压缩在官方的两页内（推荐）</source>
        <translation>Fit in the official two pages (recommended)</translation>
    </message>
    <message>
        <source>内容多时加续页，字号不缩小</source>
        <translation>Add continuation pages, keep the font size</translation>
    </message>
    <message>
        <source>版式</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>打印空白表格</source>
        <translation>Print blank forms</translation>
    </message>
    <message>
        <source>个人重大事项报告表</source>
        <translation>Personal major matter report form</translation>
    </message>
    <message>
        <source>个人有关事项集中报告表</source>
        <translation>Annual report form on personal matters</translation>
    </message>
    <message>
        <source>基本情况登记表</source>
        <translation>Basic information form</translation>
    </message>
    <message>
        <source>表格</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>报告事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>批量打印人事档案</source>
        <translation>Print personnel files in batch</translation>
    </message>
    <message>
        <source>每人一个PDF文件（保存到文件夹）</source>
        <translation>One PDF per person (saved to a folder)</translation>
    </message>
    <message>
        <source>合并为一个PDF文件</source>
        <translation>All in one PDF</translation>
    </message>
    <message>
        <source>开始…</source>
        <translation>Start…</translation>
    </message>
    <message>
        <source>选择保存的文件夹</source>
        <translation>Choose the folder to save to</translation>
    </message>
    <message>
        <source>保存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>人事档案.pdf</source>
        <translation>personnel-files.pdf</translation>
    </message>
    <message>
        <source>正在生成……</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>已取消，</source>
        <translation>Cancelled, </translation>
    </message>
    <message>
        <source>已生成 {n} 个文件。</source>
        <translation>{n} files generated.</translation>
    </message>
    <message>
        <source>正在取消……</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>全部档案（封面、目录、登记表、报告表……）…</source>
        <translation>The whole file (cover, catalogue, forms, reports…)…</translation>
    </message>
    <message>
        <source>基本情况登记表…</source>
        <translation>Basic information form…</translation>
    </message>
    <message>
        <source>档案材料目录</source>
        <translation>Catalogue of archive materials</translation>
    </message>
    <message>
        <source>干部人事档案材料转递单</source>
        <translation>Transfer slip for cadre personnel archive materials</translation>
    </message>
    <message>
        <source>查阅借阅登记簿</source>
        <translation>Access and loan registers</translation>
    </message>
    <message>
        <source>打印预览 — {title}</source>
        <translation>Print preview — {title}</translation>
    </message>
    <message>
        <source>共 {n} 页</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>无法连接打印机，请检查打印机是否已开启。</source>
        <translation>Cannot reach the printer; please check that it is switched on.</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>新建人事档案</source>
        <translation>New personnel file</translation>
    </message>
    <message>
        <source>查找（人事档案、一事一报的搜索框）</source>
        <translation>Find (the search box of personnel files or reports)</translation>
    </message>
    <message>
        <source>打印当前页面或档案</source>
        <translation>Print this page or file</translation>
    </message>
    <message>
        <source>保存档案</source>
        <translation>Save the file</translation>
    </message>
    <message>
        <source>关闭档案或对话框（有未保存的修改时先询问）</source>
        <translation>Close the file or dialog (asking first about unsaved changes)</translation>
    </message>
    <message>
        <source>下一个页面或标签</source>
        <translation>Next page or tab</translation>
    </message>
    <message>
        <source>上一个页面或标签</source>
        <translation>Previous page or tab</translation>
    </message>
    <message>
        <source>下一个 / 上一个输入框</source>
        <translation>Next / previous field</translation>
    </message>
    <message>
        <source>退出（有未保存的修改时先询问）</source>
        <translation>Quit (asking first about unsaved changes)</translation>
    </message>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>待核</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>认定</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <source>核验问题</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>如：1975.04（按最早材料认定）</source>
        <translation>e.g. 1975.04 (from the earliest material)</translation>
    </message>
    <message>
        <source>如：1993年招工登记表</source>
        <translation>e.g. the 1993 recruitment form</translation>
    </message>
    <message>
        <source>认定值</source>
        <translation>Accepted value</translation>
    </message>
    <message>
        <source>认定依据材料</source>
        <translation>Basis material</translation>
    </message>
    <message>
        <source>认定时间</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>涉及</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>认定…</source>
        <translation>Accept…</translation>
    </message>
    <message>
        <source>记录认定值、依据材料、时间和审批人；认定后不再计为待核问题</source>
        <translation>Record the accepted value, its basis, the date and the approver; an accepted warning no longer counts as open</translation>
    </message>
    <message>
        <source>已认定</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>“三龄两历一身份”核验：待核 {open} 项，已认定 {done} 项；登记表项目完整度 {share:.0%}。提示不影响保存。</source>
        <translation>Consistency check: {open} open, {done} accepted; form completeness {share:.0%}. Warnings never block saving.</translation>
    </message>
    <message>
        <source>请先选中一条待核问题</source>
        <translation>Please select an open warning first</translation>
    </message>
    <message>
        <source>已记录认定</source>
        <translation>Acceptance recorded</translation>
    </message>
    <message>
        <source>信息核验（专审）</source>
        <translation>Consistency check (file audit)</translation>
    </message>
    <message>
        <source>共 {n} 份档案，{flagged} 份有待核问题。双击打开档案。</source>
        <translation>{n} files, {flagged} with open warnings. Double-click to open a file.</translation>
    </message>
    <message>
        <source>完整度</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <source>打开其他档案</source>
        <translation>Open another archive</translation>
    </message>
    <message>
        <source>本机的档案文件</source>
        <translation>An archive file on this PC</translation>
    </message>
    <message>
        <source>服务器上的数据库（区县、市）</source>
        <translation>A database on a server (district, city)</translation>
    </message>
    <message>
        <source>密码不在这里填写：请由信息管理员放在本机的数据库密码文件中（见说明书“区县的服务器”）。</source>
        <translation>The password is not typed here: IT staff put it in this PC&apos;s database password file (see the manual, “区县的服务器”).</translation>
    </message>
    <message>
        <source>选择档案文件</source>
        <translation>Choose an archive file</translation>
    </message>
    <message>
        <source>档案 (*.sqlite)</source>
        <translation>Archives (*.sqlite)</translation>
    </message>
    <message>
        <source>服务器上的数据库请按 {example} 填写</source>
        <translation>Give a database on a server as {example}</translation>
    </message>
    <message>
        <source>找不到档案文件“{path}”</source>
        <translation>Archive file “{path}” not found</translation>
    </message>
    <message>
        <source>正在导出台账……</source>
        <translation>Exporting the ledger…</translation>
    </message>
    <message>
        <source>正在导出台账：{done}/{total}份</source>
        <translation>Exporting the ledger: {done}/{total} reports</translation>
    </message>
    <message>
        <source>正在统计{year}年度……</source>
        <translation>Counting {year}…</translation>
    </message>
    <message>
        <source>正在核验各份档案……</source>
        <translation>Checking every file…</translation>
    </message>
    <message>
        <source>核验未完成：</source>
        <translation>The check did not finish: </translation>
    </message>
    <message>
        <source>正在读取任免审批表……</source>
        <translation>Reading the appointment forms…</translation>
    </message>
    <message>
        <source>正在读取任免审批表：{done}/{total}</source>
        <translation>Reading the appointment forms: {done}/{total}</translation>
    </message>
    <message>
        <source>正在检查花名册……</source>
        <translation>Checking the roster…</translation>
    </message>
    <message>
        <source>正在导出花名册……</source>
        <translation>Exporting the roster…</translation>
    </message>
    <message>
        <source>正在导出花名册：{done}/{total}人</source>
        <translation>Exporting the roster: {done}/{total} people</translation>
    </message>
    <message>
        <source>导入区县回执包…</source>
        <translation>Import the district&apos;s return package…</translation>
    </message>
    <message>
        <source>区县导入本乡镇的交换包后发回的回执包：确认收到的交换包，以及区县更正或保留的值</source>
        <translation>The package the district sends back after importing this township&apos;s package: the package it acknowledges, and the values it corrected or kept</translation>
    </message>
    <message>
        <source>区县回执</source>
        <translation>District&apos;s return</translation>
    </message>
    <message>
        <source>选择区县回执包</source>
        <translation>Choose the district&apos;s return package</translation>
    </message>
    <message>
        <source>正在校验回执包……</source>
        <translation>Checking the return package…</translation>
    </message>
    <message>
        <source>区县第{n}号回执包，确认收到本乡镇第{seq}号交换包。
{records}条记录：{applied}项改为区县的值，{kept}项本乡镇在报送后又修改过、保留本乡镇的值（下次报送时交区县核对）。是否导入？</source>
        <translation>The district&apos;s return package no. {n} acknowledges this township&apos;s package no. {seq}.
{records} records: {applied} values become the district&apos;s; {kept} values changed here after they were sent stay (the next package takes them to the district). Import it?</translation>
    </message>
    <message>
        <source>未导入回执包，档案没有变化。</source>
        <translation>The return package was not imported; nothing changed.</translation>
    </message>
    <message>
        <source>导入区县回执包</source>
        <translation>Import the district&apos;s return package</translation>
    </message>
    <message>
        <source>已导入区县回执包：{applied}项改为区县的值，{kept}项保留本乡镇的值；已确认第{seq}号交换包，下次可只导出之后的变化。</source>
        <translation>Return package imported: {applied} values are now the district&apos;s, {kept} kept this township&apos;s; package no. {seq} acknowledged, the next export may carry only later changes.</translation>
    </message>
    <message>
        <source>未能采用：</source>
        <translation>Not applied: </translation>
    </message>
    <message>
        <source>未导入回执包：</source>
        <translation>Return package not imported: </translation>
    </message>
    <message>
        <source>生成回执包…</source>
        <translation>Write a return package…</translation>
    </message>
    <message>
        <source>给乡镇的回执包：确认收到的交换包，以及区县更正或在冲突中保留的值</source>
        <translation>The package for a township: the package acknowledged, and the values the district corrected or kept in a conflict</translation>
    </message>
    <message>
        <source>还没有收到含回执密钥的乡镇交换包，无法生成回执包。</source>
        <translation>No township package with a return key has been imported yet: no return package can be written.</translation>
    </message>
    <message>
        <source>生成回执包</source>
        <translation>Write a return package</translation>
    </message>
    <message>
        <source>正在生成回执包……</source>
        <translation>Writing the return package…</translation>
    </message>
    <message>
        <source>已生成{township}第{n}号回执包：{path}（{records}条记录的区县值）。请交乡镇导入。</source>
        <translation>Return package no. {n} for {township} written: {path} (the district&apos;s values of {records} records). Give it to the township to import.</translation>
    </message>
    <message>
        <source>以下窗口有{name}填写但尚未保存的内容，继续将放弃这些内容：
{windows}

如需保留，请取消，由{name}输入密码解锁后保存。</source>
        <translation>These windows hold input by {name} that is not saved; going on discards it:
{windows}

To keep it, cancel, and let {name} unlock with their password and save.</translation>
    </message>
    <message>
        <source>有未保存的内容</source>
        <translation>Unsaved input</translation>
    </message>
    <message>
        <source>年.月.日</source>
        <translation>yyyy.mm.dd</translation>
    </message>
    <message>
        <source>年.月.日；不填则为受理当天</source>
        <translation>yyyy.mm.dd; empty: the day it is accepted</translation>
    </message>
    <message>
        <source>不填则为受理的用户</source>
        <translation>empty: the user who accepts it</translation>
    </message>
    <message>
        <source>报告有填写的内容尚未保存。要保存吗？</source>
        <translation>The report has input that is not saved. Save it?</translation>
    </message>
    <message>
        <source>（请选择报告人）</source>
        <translation>(choose the reporter)</translation>
    </message>
    <message>
        <source>不能晚于今天（{day}）</source>
        <translation>Cannot be later than today ({day})</translation>
    </message>
    <message>
        <source>年.月</source>
        <translation>yyyy.mm</translation>
    </message>
    <message>
        <source>手机或固定电话</source>
        <translation>mobile or landline</translation>
    </message>
    <message>
        <source>{status}({reviewer} {day})</source>
        <translation>{status} ({reviewer}, {day})</translation>
    </message>
    <message>
        <source>区县导入本乡镇交换包时看到的签名指纹：首次报送时请电话核对</source>
        <translation>The signing fingerprint the district sees when it imports this township&apos;s package: check it by phone at the first exchange</translation>
    </message>
    <message>
        <source>本乡镇签名指纹</source>
        <translation>Township fingerprint</translation>
    </message>
    <message>
        <source>首次导出交换包时生成</source>
        <translation>made at the first export</translation>
    </message>
    <message>
        <source>区县确认收到之后的变化（区县已确认第{n}号）</source>
        <translation>Changes since the district&apos;s confirmation (no. {n} confirmed)</translation>
    </message>
    <message>
        <source>区县确认收到之后的变化（导入区县回执包后可用）</source>
        <translation>Changes since the district&apos;s confirmation (after a return package is imported)</translation>
    </message>
    <message>
        <source>有修改尚未保存</source>
        <translation>Changes not yet saved</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>适合窗口</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>原始大小</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <source>由能导出交换包的用户登录后显示</source>
        <translation>shown when a user who exports packages signs in</translation>
    </message>
    <message>
        <source>答复或报告日期有修改尚未保存：请先点“更正并保存”，再审核</source>
        <translation>The answers or the report date were changed and not saved: click “Correct and save” first, then review</translation>
    </message>
    <message>
        <source>报告已保存；审核未完成：</source>
        <translation>Report saved; review not done: </translation>
    </message>
    <message>
        <source>被较新的文件取代</source>
        <translation>Replaced by a later file</translation>
    </message>
    <message>
        <source>同一人的较新文件“{file}”将被导入，此文件不导入</source>
        <translation>The same person&apos;s later file “{file}” is imported instead of this one</translation>
    </message>
    <message>
        <source>，被较新的文件取代 {old}</source>
        <translation>, replaced by a later file {old}</translation>
    </message>
    <message>
        <source>年度考核</source>
        <translation>annual assessments</translation>
    </message>
    <message>
        <source>奖惩</source>
        <translation>rewards and punishments</translation>
    </message>
    <message>
        <source>入党时间所列党派</source>
        <translation>party named with the joining date</translation>
    </message>
    <message>
        <source>{fields}按原文保留</source>
        <translation>{fields} kept as written</translation>
    </message>
    <message>
        <source>{n} 人未能打印：</source>
        <translation>{n} could not be printed:</translation>
    </message>
    <message>
        <source>与学历的院校系及专业不同时填写</source>
        <translation>Only when not the school of the education above</translation>
    </message>
    <message>
        <source>任免审批表的填表人</source>
        <translation>Who filled in the appointment form</translation>
    </message>
    <message>
        <source>程序上次意外退出</source>
        <translation>The program ended unexpectedly last time</translation>
    </message>
    <message>
        <source>许可…</source>
        <translation>Licences…</translation>
    </message>
    <message>
        <source>许可</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>正在校验和预览：{done} / {total} 条记录……</source>
        <translation>Checking and previewing: {done} / {total} records…</translation>
    </message>
    <message>
        <source>修复操作日志…</source>
        <translation>Repair the audit log…</translation>
    </message>
    <message>
        <source>修复操作日志</source>
        <translation>Repair the audit log</translation>
    </message>
    <message>
        <source>已修复操作日志：移出{n}条没有封印的条目（原样保存在修复记录中），可以继续录入。涉及{records}条记录，请运行检查核对。</source>
        <translation>Audit log repaired: {n} unsealed entries moved out (kept whole in the repair record); you can go on entering data. {records} records are concerned: run the check to review them.</translation>
    </message>
    <message>
        <source>{why}

{plan}。修复将把这些不是本程序写入的日志条目移出操作日志（原样保存在这次修复的记录中，不会丢失），先自动备份，然后重新封印。之后请运行检查：被这些条目改动的记录会逐条列出，请核对改正。是否修复？</source>
        <translation>{why}

{plan}. The repair moves these log entries, which this program did not write, out of the audit log (kept whole in the repair&apos;s own record, nothing is lost), makes a backup first, and seals the log again. Then run the check: every record these entries changed is listed for you to review and correct. Repair now?</translation>
    </message>
    <message>
        <source>档案检查通过（核对了上次检查以来的改动，每周完整检查一次）</source>
        <translation>Archive check passed (changes since the last check; a full check runs weekly)</translation>
    </message>
    <message>
        <source>正在读取……</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>未能读取（可稍后重新筛选）</source>
        <translation>Could not read (try the filter again later)</translation>
    </message>
</context>
</TS>
