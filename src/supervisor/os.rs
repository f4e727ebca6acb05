//! What a worker asks of the operating system about itself: a memory cap it
//! cannot lift (Linux: `RLIMIT_DATA`, the heap and every private writable
//! mapping; Windows: a Job Object's process memory limit), and to end when its
//! supervisor ends (Linux: the parent-death signal). An allocation beyond the
//! cap fails, and the worker aborts where the supervisor sees it.

/// Caps this process's memory at `bytes` for the job in hand (0: no cap
/// beyond the system's); a later call sets the next job's. Returns false
/// where the system gives no way (the time cap still holds).
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
        getppid, getrlimit, set_parent_process_death_signal, setrlimit, Resource, Rlimit, Signal,
    };

    pub fn cap_own_memory(bytes: u64) -> bool {
        // The soft limit only: the hard one stays, so that the next job's
        // cap may be higher. Only jixiao's own code sets it.
        let hard = getrlimit(Resource::Data).maximum;
        let wanted = (bytes > 0).then_some(bytes);
        let current = match (wanted, hard) {
            (Some(wanted), Some(hard)) => Some(wanted.min(hard)),
            (wanted, None) => wanted,
            (None, hard) => hard,
        };
        setrlimit(
            Resource::Data,
            Rlimit {
                current,
                maximum: hard,
            },
        )
        .is_ok()
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

    /// This process's job (its handle as a number), made on the first cap.
    static JOB: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();

    pub fn cap_own_memory(bytes: u64) -> bool {
        let Ok(bytes) = usize::try_from(bytes) else {
            return false;
        };
        // SAFETY: plain Win32 calls with a null security descriptor and name,
        // and the pseudo handle of this process; the job handle is kept open
        // for the process's life (closing it would end the job's limits).
        let job = JOB.get_or_init(|| unsafe {
            let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
            if job.is_null() || AssignProcessToJobObject(job, GetCurrentProcess()) == 0 {
                return None;
            }
            Some(job as usize)
        });
        let Some(job) = *job else {
            return false;
        };
        // SAFETY: a zeroed limit structure of the size passed, set on the
        // job made above; no limit flag (0 bytes) lifts the cap.
        unsafe {
            let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
            if bytes > 0 {
                info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_PROCESS_MEMORY;
                info.ProcessMemoryLimit = bytes;
            }
            SetInformationJobObject(
                job as windows_sys::Win32::Foundation::HANDLE,
                JobObjectExtendedLimitInformation,
                (&raw const info).cast(),
                std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
            ) != 0
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
