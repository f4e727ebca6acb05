//! The console window of a drag-and-drop start.
//!
//! When an accountant drops a ledger on jixiao.exe, Explorer gives the process
//! a console of its own, which closes the moment jixiao ends. jixiao then waits
//! for Enter so the result can be read — but only then: started from cmd,
//! PowerShell, a script or a pipe, it never waits.

/// True when this process is alone on its console (a drop on jixiao.exe in
/// Explorer): `GetConsoleProcessList` counts 1. From a terminal it counts 2 or
/// more; with pipes (CI, scripts) there is no console and it counts 0. Always
/// false outside Windows.
pub fn owns_console() -> bool {
    #[cfg(windows)]
    {
        owns_console_windows()
    }
    #[cfg(not(windows))]
    {
        false
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
pub const DROP_HINT: &str = "jixiao（部门整体支出绩效自评）：请把台账文件（Excel 表格）拖到 jixiao.exe 的图标上，\
结果会生成在台账旁边，文件名为“台账名_绩效自评.xlsx”。\n\
全年预算写在 jixiao.exe 旁边或台账旁边的 jixiao.toml 里（第一次运行时会自动生成，用记事本打开填写）。\n\
也可以在命令行使用：jixiao --budget 322.95 台账.xlsx；jixiao --help 查看全部用法。";

#[cfg(test)]
mod tests;
