//! The console window of a drag-and-drop start.
//!
//! When an accountant drops a ledger on jixiao.exe, Explorer gives the process
//! a console of its own, which closes the moment jixiao ends. On a 统信 UOS or
//! 银河麒麟 desktop, the launcher (`jixiao.desktop`, `Terminal=true`) opens a
//! terminal window that closes just as soon. jixiao then waits for Enter so
//! the result can be read — but only then: started from cmd, PowerShell, a
//! shell, a script or a pipe, it never waits.

/// The environment variable the Linux desktop entry sets (`Exec=env
/// JIXIAO_LAUNCHER=1 jixiao %F`): started from the launcher or 打开方式.
pub const LAUNCHER_VARIABLE: &str = "JIXIAO_LAUNCHER";

/// How the program is called where the user drops a ledger: `jixiao.exe` on
/// Windows, the `jixiao` launcher elsewhere.
pub const PROGRAM: &str = if cfg!(windows) {
    "jixiao.exe"
} else {
    "jixiao 的图标"
};

/// The editor a settings file is opened with: 记事本 on Windows.
pub const EDITOR: &str = if cfg!(windows) {
    "记事本"
} else {
    "文本编辑器"
};

/// True when this process has a window of its own that closes when it ends:
/// on Windows, alone on its console (a drop on jixiao.exe in Explorer:
/// `GetConsoleProcessList` counts 1; from a terminal 2 or more, with pipes 0);
/// elsewhere, started by the desktop entry with a terminal to read from.
pub fn owns_console() -> bool {
    #[cfg(windows)]
    {
        owns_console_windows()
    }
    #[cfg(not(windows))]
    {
        use std::io::IsTerminal;
        std::env::var_os(LAUNCHER_VARIABLE).is_some_and(|v| v == "1")
            && std::io::stdin().is_terminal()
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
fn owns_console_windows() -> bool {
    let mut processes = [0u32; 4];
    // SAFETY: the buffer is valid for `processes.len()` u32 values, which is the
    // count passed; the call writes at most that many and returns the total.
    let count = unsafe {
        windows_sys::Win32::System::Console::GetConsoleProcessList(
            processes.as_mut_ptr(),
            processes.len() as u32,
        )
    };
    count == 1
}

/// Writes a message for the person in front of the screen to stderr. A closed
/// pipe (`| head`) or a full disk is not a crash: the write is dropped and the
/// run goes on. Control characters (terminal escape sequences hidden in file
/// names or cells) are shown as `�`, never sent to the terminal raw.
pub fn say(text: &str) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(printable(text).as_bytes());
    let _ = stderr.flush();
}

/// `say` with a line end.
pub fn say_line(text: &str) {
    say(&format!("{text}\n"));
}

/// The text with every control character but line ends replaced by `�`.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Asks for Enter before the window closes.
pub fn wait_for_enter() {
    say("\n按回车键关闭窗口……");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

/// What a double-click with no ledger shows.
pub const DROP_HINT: &str = if cfg!(windows) {
    DROP_HINT_WINDOWS
} else {
    DROP_HINT_DESKTOP
};

/// The hint on Windows.
const DROP_HINT_WINDOWS: &str = "jixiao（部门整体支出绩效自评）：请把台账文件（Excel 表格）拖到 jixiao.exe 的图标上，\
结果会生成在台账旁边，文件名为“台账名_绩效自评.xlsx”。\n\
全年预算写在 jixiao.exe 旁边或台账旁边的 jixiao.toml 里（第一次运行时会自动生成，用记事本打开填写）。\n\
也可以在命令行使用：jixiao --budget 322.95 台账.xlsx；jixiao --help 查看全部用法。";

/// The hint on a Linux desktop (统信 UOS, 银河麒麟).
const DROP_HINT_DESKTOP: &str = "jixiao（部门整体支出绩效自评）：请把台账文件（Excel 或 WPS 表格）拖到 jixiao 的图标上，\
或在文件管理器中右键台账 → 打开方式 → jixiao，结果会生成在台账旁边，文件名为“台账名_绩效自评.xlsx”。\n\
全年预算写在台账旁边的 jixiao.toml 里（第一次运行时会自动生成，用文本编辑器打开填写）。\n\
也可以在终端中使用：jixiao --budget 322.95 台账.xlsx；jixiao --help 查看全部用法。";

#[cfg(test)]
mod tests;
