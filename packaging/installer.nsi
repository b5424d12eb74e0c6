; The Windows installer of 村(社区)党组织书记档案: a pynsist template (packaging/build_windows.py
; renders it with pynsist, prunes the tree, then runs makensis). Per-user: no administrator rights,
; the program in %LOCALAPPDATA%\Programs\SecretaryArchive; the archive stays where the program
; keeps it (%LOCALAPPDATA%\SecretaryArchive) and no uninstall or upgrade ever touches it.
!define PRODUCT_NAME "[[ib.appname]]"
!define PRODUCT_VERSION "[[ib.version]]"
!define DISPLAY_NAME "村(社区)党组织书记档案"
!define INSTALLER_NAME "[[ib.installer_name]]"
!define PRODUCT_ICON "[[icon]]"
!define LAUNCHER "[[ib.appname]].launch.pyw"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT_NAME}"
!ifndef COMPRESSOR
  !define COMPRESSOR lzma   ; the release; CI builds pass -DCOMPRESSOR=zlib (faster, larger)
!endif

SetCompressor /SOLID ${COMPRESSOR}
Target amd64-unicode   ; a 64-bit installer: 32-bit Windows cannot start it (no 32-bit Qt 6 exists)
ManifestDPIAware true
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"

!define MUI_ABORTWARNING
!define MUI_ICON "[[icon]]"
!define MUI_UNICON "[[icon]]"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION StartProgram
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${DISPLAY_NAME}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Name "${DISPLAY_NAME} ${PRODUCT_VERSION}"
OutFile "${INSTALLER_NAME}"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${DISPLAY_NAME} ${PRODUCT_VERSION}"

Function .onInit
  ; Windows 10 1809 (build 17763) or later, or Windows 11: Windows 7/8 and older Windows 10 lack
  ; what Qt 6 needs
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_ICONSTOP "本程序需要 Windows 10(1809 或更新版本)或 Windows 11(64位)。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; A program running holds its files: replacing them then would leave half of each version. A
; folder whose files are in use cannot be renamed, so trying (and renaming it back) tells.
!macro RequireClosed FOLDER
  ${If} ${FileExists} "$INSTDIR\${FOLDER}\*.*"
    ${Do}
      ClearErrors
      Rename "$INSTDIR\${FOLDER}" "$INSTDIR\${FOLDER}.replacing"
      ${IfNot} ${Errors}
        Rename "$INSTDIR\${FOLDER}.replacing" "$INSTDIR\${FOLDER}"
        ${Break}
      ${EndIf}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${DISPLAY_NAME}正在运行。请先关闭它(本机其他用户打开的也要关闭),再点“重试”。" /SD IDCANCEL IDRETRY +2
      Abort "${DISPLAY_NAME}正在运行,没有安装。"
    ${Loop}
  ${EndIf}
!macroend

Function StartProgram
  SetOutPath "$DOCUMENTS"
  Exec '"$INSTDIR\Python\pythonw.exe" "$INSTDIR\${LAUNCHER}"'
FunctionEnd

Section "!${DISPLAY_NAME}" sec_app
  SectionIn RO
  SetShellVarContext current
  !insertmacro RequireClosed "Python"
  !insertmacro RequireClosed "pkgs"
  ; an upgrade replaces the whole program (no module of the old version left behind)
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\licenses"

  SetOutPath "$INSTDIR"
  File "${PRODUCT_ICON}"
  [% for destination, group in grouped_files %]
  SetOutPath "[[destination]]"
  [% for file in group %]
  File "[[ file ]]"
  [% endfor %]
  [% endfor %]
  ; Python\, pkgs\ and licenses\ file by file in one sorted order (build_windows.py writes the
  ; list): File /r took the build machine's directory order, so two builds differed
  !include "files.nsh"

  ; the shortcuts start in the clerk's Documents (the folder file dialogs open first)
  SetOutPath "$DOCUMENTS"
  CreateShortCut "$SMPROGRAMS\${DISPLAY_NAME}.lnk" "$INSTDIR\Python\pythonw.exe" '"$INSTDIR\${LAUNCHER}"' \
    "$INSTDIR\${PRODUCT_ICON}"
  CreateShortCut "$DESKTOP\${DISPLAY_NAME}.lnk" "$INSTDIR\Python\pythonw.exe" '"$INSTDIR\${LAUNCHER}"' \
    "$INSTDIR\${PRODUCT_ICON}"
  SetOutPath "$INSTDIR"

  DetailPrint "正在编译 Python 模块……"
  nsExec::ExecToLog '"$INSTDIR\Python\python.exe" -m compileall -q "$INSTDIR\pkgs"'
  Pop $0

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${DISPLAY_NAME}开发组"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_ICON}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; The uninstaller removes the program only: the archive, its scans, backups and logs in
; %LOCALAPPDATA%\SecretaryArchive and the key in %APPDATA%\SecretaryArchive stay.
Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${DISPLAY_NAME}.lnk"
  Delete "$DESKTOP\${DISPLAY_NAME}.lnk"
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\licenses"
  [% for file, destination in ib.install_files %]
  Delete "[[pjoin(destination, file)]]"
  [% endfor %]
  Delete "$INSTDIR\${PRODUCT_ICON}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
