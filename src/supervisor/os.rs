//! What a worker asks of the operating system about itself: a memory cap it
//! cannot lift (Linux: `RLIMIT_DATA`, the heap and every private writable
//! mapping; Windows: a Job Object's process memory limit), and to end when its
//! supervisor ends (Linux: the parent-death signal). An allocation beyond the
//! cap fails, and the worker aborts where the supervisor sees it.

/// Caps this process's memory at `bytes`. Returns false where the system
/// gives no way (the time cap still holds).
pub fn cap_own_memory(bytes: u64) -> bool {
    imp::cap_own_memory(bytes)
}

/// Ends this process when the process that started it ends (a supervisor
/// killed by `kill -9` leaves no worker behind). Nothing where unsupported.
pub fn end_with_supervisor() {
    imp::end_with_supervisor();
}

#[cfg(target_os = "linux")]
mod imp {
    use rustix::process::{
        getppid, set_parent_process_death_signal, setrlimit, Resource, Rlimit, Signal,
    };

    pub fn cap_own_memory(bytes: u64) -> bool {
        let limit = Rlimit {
            current: Some(bytes),
            maximum: Some(bytes),
        };
        setrlimit(Resource::Data, limit).is_ok()
    }

    pub fn end_with_supervisor() {
        let _ = set_parent_process_death_signal(Some(Signal::KILL));
        // The supervisor may have ended before the signal was asked for.
        if getppid().is_none_or(|pid| pid.as_raw_nonzero().get() == 1) {
            std::process::exit(1);
        }
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod imp {
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JobObjectExtendedLimitInformation,
        SetInformationJobObject, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
        JOB_OBJECT_LIMIT_PROCESS_MEMORY,
    };
    use windows_sys::Win32::System::Threading::GetCurrentProcess;

    pub fn cap_own_memory(bytes: u64) -> bool {
        let Ok(bytes) = usize::try_from(bytes) else {
            return false;
        };
        // SAFETY: plain Win32 calls with a null security descriptor and name,
        // a zeroed limit structure of the size passed, and the pseudo handle
        // of this process; the job handle is kept open for the process's
        // life (closing it would end the job's limits).
        unsafe {
            let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
            if job.is_null() {
                return false;
            }
            let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
            info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_PROCESS_MEMORY;
            info.ProcessMemoryLimit = bytes;
            let set = SetInformationJobObject(
                job,
                JobObjectExtendedLimitInformation,
                (&raw const info).cast(),
                std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
            );
            set != 0 && AssignProcessToJobObject(job, GetCurrentProcess()) != 0
        }
    }

    pub fn end_with_supervisor() {
        // The supervisor kills its workers when it is interrupted; a worker
        // of a supervisor killed from outside ends at its time cap's end
        // at the latest (its stdout is closed: its next message fails).
    }
}

#[cfg(not(any(target_os = "linux", windows)))]
mod imp {
    pub fn cap_own_memory(_bytes: u64) -> bool {
        false
    }

    pub fn end_with_supervisor() {}
}
