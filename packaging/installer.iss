; Inno Setup 6 script: installs the one-folder bundle dist\erp-desktop\ for all users.
;
;   python packaging\build.py
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\installer.iss
;   -> dist\erp-desktop-0.1.0-setup.exe
;
; Upgrades: the same AppId (never change it), so a newer setup replaces the program in place and keeps one entry
; in "Apps & features". User data is NOT the installer's: settings.ini, the embedded database erp.db / demo.db and
; the log live per user in %LOCALAPPDATA%\erp-desktop (platformdirs), saved server passwords in the Windows
; Credential Manager. Nothing below names those places, so neither an upgrade nor an uninstall touches them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "erp-desktop"
#define AppExe "erp-desktop.exe"
#define BundleDir "..\dist\erp-desktop"

[Setup]
; fixed for the life of the product: it is how Windows recognises an upgrade
AppId={{3EB4D0F9-21CC-4E55-8EA9-68D6FAB910C3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=erp-desktop
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; per-machine install into Program Files
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; close a running erp-desktop before replacing its files (Restart Manager), start it again afterwards
CloseApplications=yes
RestartApplications=no
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade starts from a clean program folder so no library of the old version lingers next to the new ones
; ({app} is under Program Files: user data is never there)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked runasoriginaluser

; No [UninstallDelete] section on purpose: the uninstaller removes only the files it installed.
