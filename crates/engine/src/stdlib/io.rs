//! The io library of Lua 5.1 (`liolib.c`), for the standalone interpreter.
//!
//! A file is a userdata with the metatable `registry["FILE*"]` whose payload
//! is a [`Stream`]: a model of a glibc 2.36 `FILE` over a `std::fs::File`,
//! exact enough that what a script reads, writes and is told comes out as
//! in `lua5.1`, including what other handles on the same file see before a
//! flush and the outcome of sequences C leaves undefined (reading right
//! after writing). It follows `libio/fileops.c`: buffers of `st_blksize`
//! (at most `BUFSIZ`) bytes; block-aligned reads and writes (`xsputn`
//! writes whole blocks directly, `xsgetn` reads a buffer or more directly,
//! dropping unwritten output); output after reading continuing the read
//! block and moving the descriptor back lazily; `fseek` inside the
//! buffered block or to a block boundary with a read up to the target, and
//! the offset cache that decides between them; sticky end-of-file and error
//! flags; `errno` values; `setvbuf` modes (and the one-byte buffer that
//! `"no"` leaves behind); `fscanf("%lf")`'s scanning; `fprintf`'s
//! character-by-character output of numbers.
//!
//! Standard output and standard error go through Rust's `std::io::stdout()`
//! and `stderr()`, the streams `print` uses, so `io.write` and `print`
//! interleave as they do in C (where both write to `stdout`). Rust's stdout
//! is line buffered where C's is fully buffered on pipes and files (and
//! `setvbuf` can only make it unbuffered); only the moment of flushing
//! differs, which is visible only to other writers of the same descriptor
//! (standard error redirected to it, a command run by `os.execute`).
//!
//! As in 5.1, the `io` functions share a private table holding the default
//! input (`[1]`) and output (`[2]`) files (kept in the registry, see
//! [`io_env`]); each file knows how it closes: standard files cannot be
//! closed, `io.popen` files wait for their command.

use crate::heap::{NativeFn, UserData};
use crate::state::{Args, Lua, LuaResult, NativeFnPtr};
use crate::value::{TableRef, Value};
use std::cell::RefCell;
use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::rc::{Rc, Weak};

/// `LUAL_BUFFERSIZE` (= `BUFSIZ`): `fgets` chunks and the default buffer.
const BUFSIZ: usize = 8192;
const EIO: i32 = 5;
const EBADF: i32 = 9;
const EINVAL: i32 = 22;
const ESPIPE: i32 = 29;
/// The registry key of the file metatable (`LUA_FILEHANDLE`).
const FILEHANDLE: &str = "FILE*";
/// The registry key of the io functions' environment.
const IO_ENV: &str = "redlua.io.env";
const IO_INPUT: i64 = 1;
const IO_OUTPUT: i64 = 2;

thread_local! {
    /// C's `errno`: the last failure's code, which 5.1 reports even when
    /// the failing call was an earlier one (an iterator of `lines` on a
    /// stream whose error flag is still set).
    static ERRNO: std::cell::Cell<i32> = const { std::cell::Cell::new(0) };
}

pub(crate) fn set_errno(e: i32) {
    ERRNO.with(|c| c.set(e));
}

pub(crate) fn errno() -> i32 {
    ERRNO.with(|c| c.get())
}

/// glibc's `strerror` text for an errno value.
pub(crate) fn strerror(errno: i32) -> String {
    let s = std::io::Error::from_raw_os_error(errno).to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

pub(crate) fn errno_of(e: &std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(EIO)
}

/// A byte string as C sees it: up to the first NUL.
pub(crate) fn c_str(s: &[u8]) -> &[u8] {
    match s.iter().position(|&c| c == 0) {
        Some(i) => &s[..i],
        None => s,
    }
}

/// C's `(long)x` on x86-64: truncation, and `LONG_MIN` out of range.
pub(crate) fn c_long(x: f64) -> i64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if (-TWO63..TWO63).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

// ----- the FILE model --------------------------------------------------------

/// Where writes go.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sink {
    /// The stream's own file, through its buffer.
    Own,
    /// Rust's (shared) standard output.
    Stdout,
    /// Rust's standard error.
    Stderr,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BufMode {
    Full,
    Line,
    No,
}

/// A model of a glibc `FILE`.
pub(crate) struct Stream {
    file: Option<File>,
    sink: Sink,
    readable: bool,
    writable: bool,
    append: bool,
    /// Read-ahead: `rbuf[rpos..]` is not consumed yet.
    rbuf: Vec<u8>,
    rpos: usize,
    /// Pending output.
    wbuf: Vec<u8>,
    /// In write mode (`_IO_CURRENTLY_PUTTING`).
    putting: bool,
    /// Where the pending output starts in the buffer (`_IO_write_base`):
    /// output that follows reading continues the read block's alignment.
    wstart: usize,
    /// The move back over unread read-ahead that the next write to the
    /// descriptor makes first (glibc's `new_do_write` does it lazily).
    pending_seek: i64,
    /// Write mode with `_IO_write_end` at the buffer's start (always so
    /// when line buffered or unbuffered, and left so by a direct read or a
    /// later `setvbuf("full")`): a full-buffered write first flushes what is
    /// pending.
    no_space: bool,
    /// The descriptor's offset when known (glibc's `_offset` cache).
    offset: Option<i64>,
    bsize: usize,
    mode: BufMode,
    eof: bool,
    err: bool,
    errno: i32,
    child: Option<std::process::Child>,
}

impl Stream {
    fn new(file: Option<File>, sink: Sink, readable: bool, writable: bool, append: bool) -> Self {
        // glibc's _IO_file_doallocate: st_blksize when smaller than BUFSIZ.
        let bsize = file
            .as_ref()
            .and_then(|f| f.metadata().ok())
            .map(|m| m.blksize() as usize)
            .filter(|&b| b > 0 && b < BUFSIZ)
            .unwrap_or(BUFSIZ);
        // ... and line buffering for terminals.
        let tty = file.as_ref().is_some_and(std::io::IsTerminal::is_terminal);
        Stream {
            mode: if tty { BufMode::Line } else { BufMode::Full },
            file,
            sink,
            readable,
            writable,
            append,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
            putting: false,
            wstart: 0,
            pending_seek: 0,
            no_space: false,
            offset: None,
            bsize,
            eof: false,
            err: false,
            errno: 0,
            child: None,
        }
    }

    fn fail(&mut self, errno: i32) {
        self.err = true;
        self.errno = errno;
        set_errno(errno);
    }

    fn clearerr(&mut self) {
        self.err = false;
        self.eof = false;
    }

    fn unread(&self) -> usize {
        self.rbuf.len() - self.rpos
    }

    fn os_write(&mut self, data: &[u8]) -> Result<(), i32> {
        if self.append {
            self.offset = None;
        } else if self.pending_seek != 0 {
            let back = std::mem::take(&mut self.pending_seek);
            if let Some(f) = self.file.as_mut() {
                let p = f.seek(SeekFrom::Current(back)).map_err(|e| errno_of(&e))?;
                self.offset = Some(p as i64);
            }
        }
        let r = match self.sink {
            Sink::Stdout => std::io::stdout().write_all(data),
            Sink::Stderr => std::io::stderr().write_all(data),
            Sink::Own => match self.file.as_mut() {
                Some(f) => f.write_all(data),
                None => return Err(EBADF),
            },
        };
        if let (Ok(()), Some(o)) = (&r, self.offset.as_mut()) {
            *o += data.len() as i64;
        }
        r.map_err(|e| errno_of(&e))
    }

    /// Writes out the pending output.
    fn flush_pending(&mut self) -> Result<(), i32> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.wbuf);
        let r = self.os_write(&data);
        let mut data = data;
        data.clear();
        self.wbuf = data;
        self.wstart = 0;
        self.no_space = self.mode != BufMode::Full;
        r.inspect_err(|&e| self.fail(e))
    }

    /// Drops the read-ahead, moving the descriptor back to the logical
    /// position (glibc's `_IO_file_sync` on a reading stream).
    fn drop_readahead(&mut self) -> Result<(), i32> {
        let unread = self.unread();
        if unread > 0 {
            if let Some(f) = self.file.as_mut() {
                match f.seek(SeekFrom::Current(-(unread as i64))) {
                    Ok(_) => self.rbuf.truncate(self.rpos),
                    // Pipes keep their read-ahead.
                    Err(e) if errno_of(&e) == ESPIPE => {}
                    Err(e) => return Err(errno_of(&e)),
                }
            }
        }
        self.offset = None;
        Ok(())
    }

    /// Refills the read-ahead if it is empty; false at end of file or on an
    /// error (which set the flags).
    fn fill(&mut self) -> bool {
        if self.rpos < self.rbuf.len() {
            return true;
        }
        // __underflow: leave write mode (flushing), then _IO_file_underflow.
        if self.putting {
            self.putting = false;
            if self.flush_pending().is_err() {
                return false;
            }
        }
        if self.eof {
            return false;
        }
        if !self.readable {
            self.fail(EBADF);
            return false;
        }
        if self.mode != BufMode::Full {
            // glibc flushes a line-buffered stdout before reading from a
            // line-buffered (terminal) or unbuffered stream: prompts show.
            let mut out = std::io::stdout();
            if std::io::IsTerminal::is_terminal(&out) {
                let _ = out.flush();
            }
        }
        let Some(f) = self.file.as_mut() else {
            self.fail(EBADF);
            return false;
        };
        self.rbuf.resize(self.bsize, 0);
        self.rpos = 0;
        loop {
            match f.read(&mut self.rbuf) {
                Ok(0) => {
                    // A stream read to its end forgets the offset.
                    self.rbuf.clear();
                    self.eof = true;
                    self.offset = None;
                    return false;
                }
                Ok(n) => {
                    self.rbuf.truncate(n);
                    if let Some(o) = self.offset.as_mut() {
                        *o += n as i64;
                    }
                    return true;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.rbuf.clear();
                    self.fail(errno_of(&e));
                    return false;
                }
            }
        }
    }

    fn getc(&mut self) -> Option<u8> {
        if !self.fill() {
            return None;
        }
        let c = self.rbuf[self.rpos];
        self.rpos += 1;
        Some(c)
    }

    /// Pushes back the byte `getc` just returned.
    fn ungetc(&mut self) {
        if self.rpos > 0 {
            self.rpos -= 1;
        }
    }

    /// `fread` of up to `n` bytes (`_IO_file_xsgetn`): what is buffered,
    /// then requests of a buffer or more go straight to the descriptor.
    /// Like glibc, that drops pending output unwritten (reading right after
    /// writing, without a seek or flush, is undefined in C).
    fn read_n(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut want = n;
        while want > 0 {
            let have = self.unread();
            let take = want.min(have);
            out.extend_from_slice(&self.rbuf[self.rpos..self.rpos + take]);
            self.rpos += take;
            want -= take;
            if want == 0 {
                break;
            }
            if want < self.bsize {
                if !self.fill() {
                    break;
                }
                continue;
            }
            // _IO_setg/_IO_setp to the buffer's start; the mode stays.
            self.wbuf.clear();
            self.wstart = 0;
            self.pending_seek = 0;
            self.no_space = self.putting;
            self.rbuf.clear();
            self.rpos = 0;
            let count = if self.bsize >= 128 {
                want - want % self.bsize
            } else {
                want
            };
            let Some(f) = self.file.as_mut() else {
                self.fail(EBADF);
                break;
            };
            let mut chunk = vec![0u8; count.min(1 << 16)];
            match f.read(&mut chunk) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(k) => {
                    out.extend_from_slice(&chunk[..k]);
                    want -= k;
                    if let Some(o) = self.offset.as_mut() {
                        *o += k as i64;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.fail(errno_of(&e));
                    break;
                }
            }
        }
        out
    }

    /// `fgets` with a buffer of `size` bytes: `None` when nothing could be
    /// read or an error happened.
    fn fgets(&mut self, size: usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let old_err = self.err;
        self.err = false;
        while out.len() < size - 1 {
            if !self.fill() {
                break;
            }
            let avail = &self.rbuf[self.rpos..];
            let lim = (size - 1 - out.len()).min(avail.len());
            if let Some(i) = avail[..lim].iter().position(|&c| c == b'\n') {
                out.extend_from_slice(&avail[..=i]);
                self.rpos += i + 1;
                break;
            }
            out.extend_from_slice(&avail[..lim]);
            self.rpos += lim;
        }
        let failed = out.is_empty() || self.err;
        self.err |= old_err;
        if failed {
            None
        } else {
            Some(out)
        }
    }

    /// `fwrite`, with glibc's buffering (`_IO_new_file_xsputn`).
    fn write(&mut self, data: &[u8]) -> bool {
        if data.is_empty() {
            return true;
        }
        if !self.writable {
            self.fail(EBADF);
            return false;
        }
        if self.sink != Sink::Own {
            // Rust's stdout is line buffered: "full" cannot be had, but an
            // unbuffered stdout (a common idiom for progress output) can.
            let mut r = self.os_write(data);
            if r.is_ok() && self.sink == Sink::Stdout && self.mode == BufMode::No {
                r = std::io::stdout().flush().map_err(|e| errno_of(&e));
            }
            return match r {
                Ok(()) => true,
                Err(e) => {
                    self.fail(e);
                    false
                }
            };
        }
        let was_putting = self.putting;
        if !was_putting {
            self.enter_put();
        }
        let b = self.bsize;
        let mut must_flush = false;
        let mut count = 0;
        if was_putting {
            match self.mode {
                BufMode::Line => {
                    count = b.saturating_sub(self.wstart + self.wbuf.len());
                    if count >= data.len() {
                        if let Some(i) = data.iter().rposition(|&c| c == b'\n') {
                            count = i + 1;
                            must_flush = true;
                        }
                    }
                }
                BufMode::Full if self.no_space => {}
                BufMode::Full => count = b.saturating_sub(self.wstart + self.wbuf.len()),
                BufMode::No => {}
            }
        }
        let count = count.min(data.len());
        self.wbuf.extend_from_slice(&data[..count]);
        let mut rest = &data[count..];
        if !rest.is_empty() || must_flush {
            if self.flush_pending().is_err() {
                return false;
            }
            let direct = if b >= 128 {
                rest.len() - rest.len() % b
            } else {
                rest.len()
            };
            if direct > 0 {
                if let Err(e) = self.os_write(&rest[..direct]) {
                    self.fail(e);
                    return false;
                }
                // new_do_write leaves the buffer empty from its start.
                self.wstart = 0;
                self.no_space = self.mode != BufMode::Full;
            }
            rest = &rest[direct..];
            // _IO_default_xsputn: into the buffer, which is written out when
            // it is full and more comes (and at each newline when line
            // buffered).
            let cap = b.max(self.wstart + 1);
            while !rest.is_empty() {
                if self.wstart + self.wbuf.len() >= cap && self.flush_pending().is_err() {
                    return false;
                }
                if self.mode == BufMode::Line {
                    let c = rest[0];
                    rest = &rest[1..];
                    self.wbuf.push(c);
                    if c == b'\n' && self.flush_pending().is_err() {
                        return false;
                    }
                } else {
                    let n = (cap - self.wstart - self.wbuf.len()).min(rest.len());
                    self.wbuf.extend_from_slice(&rest[..n]);
                    rest = &rest[n..];
                }
            }
        }
        true
    }

    /// Enters write mode from read mode (`_IO_new_file_overflow`): output
    /// starts at the read position within the block, and the descriptor
    /// moves back over the unread bytes when output is first written.
    fn enter_put(&mut self) {
        let unread = self.unread();
        self.wstart = if self.rpos == self.bsize {
            0
        } else {
            self.rpos
        };
        if unread > 0 && !self.append {
            self.pending_seek = -(unread as i64);
        }
        self.rbuf.clear();
        self.rpos = 0;
        self.putting = true;
        self.no_space = self.mode != BufMode::Full;
    }

    /// `fprintf(f, "%.14g", n)`: glibc 2.36 puts a number's characters one
    /// by one (`putc`, `__overflow`), except on unbuffered streams, which
    /// get the whole text at once.
    fn write_number(&mut self, text: &[u8]) -> bool {
        if self.sink != Sink::Own || self.mode == BufMode::No || !self.writable {
            return self.write(text);
        }
        for &c in text {
            if !self.putting {
                self.enter_put();
            }
            let cap = self.bsize.max(self.wstart + 1);
            if self.wstart + self.wbuf.len() >= cap && self.flush_pending().is_err() {
                return false;
            }
            self.wbuf.push(c);
            if self.mode == BufMode::Line && c == b'\n' && self.flush_pending().is_err() {
                return false;
            }
        }
        true
    }

    /// `fflush`.
    fn flush(&mut self) -> Result<(), i32> {
        match self.sink {
            Sink::Stdout => std::io::stdout().flush().map_err(|e| errno_of(&e)),
            Sink::Stderr => Ok(()),
            Sink::Own if self.putting => self.flush_pending(),
            Sink::Own => self.drop_readahead(),
        }
    }

    /// `fseek` then `ftell`: the new position (`_IO_new_file_seekoff`).
    /// A target inside the buffered block only moves the read position;
    /// otherwise a readable stream seeks to the target's block and reads
    /// up to it, so that the buffer stays aligned to blocks.
    fn seek(&mut self, whence: usize, off: i64) -> Result<i64, i32> {
        if self.sink == Sink::Stdout {
            let _ = std::io::stdout().flush();
        }
        let must_be_exact = if self.putting {
            self.wbuf.is_empty()
        } else {
            self.rbuf.is_empty()
        };
        if self.putting {
            // _IO_switch_to_get_mode: flush; the buffer is then empty.
            self.flush_pending()?;
            self.putting = false;
            self.no_space = false;
            self.rbuf.clear();
            self.rpos = 0;
        }
        let unread = self.unread() as i64;
        let f = self.file.as_mut().ok_or(EBADF)?;
        let target = match whence {
            1 => match self.offset {
                None => return self.dumb_seek(SeekFrom::Current(off - unread)),
                Some(o) => {
                    let t = o + off - unread;
                    if t < 0 {
                        return Err(EINVAL);
                    }
                    t
                }
            },
            0 => off,
            _ => match f.metadata() {
                Ok(m) if m.is_file() => m.len() as i64 + off,
                _ => return self.dumb_seek(SeekFrom::End(off)),
            },
        };
        if let Some(o) = self.offset {
            let start = o - self.rbuf.len() as i64;
            if target >= start && target < o {
                self.rpos = (target - start) as usize;
                self.eof = false;
                let _ = f.seek(SeekFrom::Start(o as u64));
                return Ok(target);
            }
        }
        if !self.readable || target < 0 {
            if target < 0 {
                return Err(EINVAL);
            }
            return self.dumb_seek(SeekFrom::Start(target as u64));
        }
        let b = self.bsize as i64;
        let mut new_offset = target & !(b - 1);
        let mut delta = target - new_offset;
        if delta > b {
            new_offset = target;
            delta = 0;
        }
        let result = f
            .seek(SeekFrom::Start(new_offset as u64))
            .map_err(|e| errno_of(&e))? as i64;
        let mut count = 0i64;
        self.rbuf.clear();
        self.rpos = 0;
        if delta > 0 {
            let want = if must_be_exact { delta } else { b } as usize;
            self.rbuf.resize(want, 0);
            count = loop {
                match f.read(&mut self.rbuf) {
                    Ok(n) => break n as i64,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break -1,
                }
            };
            self.rbuf.truncate(count.max(0) as usize);
            if count < delta {
                let rest = if count < 0 { delta } else { delta - count };
                return self.dumb_seek(SeekFrom::Current(rest));
            }
        }
        self.rpos = delta as usize;
        self.offset = Some(result + count);
        self.eof = false;
        Ok(target)
    }

    /// The plain `lseek` of `_IO_new_file_seekoff` (`dumb:`), emptying the
    /// buffer.
    fn dumb_seek(&mut self, from: SeekFrom) -> Result<i64, i32> {
        let f = self.file.as_mut().ok_or(EBADF)?;
        let r = f.seek(from).map_err(|e| errno_of(&e))? as i64;
        self.eof = false;
        self.offset = Some(r);
        self.rbuf.clear();
        self.rpos = 0;
        Ok(r)
    }

    /// `setvbuf(f, NULL, mode, size)`.
    fn setvbuf(&mut self, mode: BufMode) -> Result<(), i32> {
        if self.sink != Sink::Own {
            self.mode = mode;
            if mode == BufMode::No {
                return self.flush();
            }
            return Ok(());
        }
        if mode == BufMode::No {
            // _IO_SETBUF syncs first, then uses a one-byte buffer (which
            // later "full"/"line" requests keep).
            self.flush()?;
            self.bsize = 1;
            self.rbuf.clear();
            self.rpos = 0;
            self.wstart = 0;
            self.no_space = true;
        }
        self.mode = mode;
        Ok(())
    }

    /// `fclose`/`pclose`: flushes, closes the descriptor and waits for the
    /// command of a pipe.
    fn close(&mut self) -> Result<(), i32> {
        let r = if self.putting {
            self.flush_pending()
        } else {
            Ok(())
        };
        if self.sink == Sink::Stdout {
            let _ = std::io::stdout().flush();
        }
        self.wbuf.clear();
        self.file = None;
        if let Some(mut c) = self.child.take() {
            if let Err(e) = c.wait() {
                return Err(errno_of(&e));
            }
        }
        r
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        if self.sink == Sink::Own && !self.wbuf.is_empty() {
            let _ = self.flush_pending();
        }
        if let Some(mut c) = self.child.take() {
            drop(self.file.take());
            let _ = c.wait();
        }
    }
}

// ----- file objects --------------------------------------------------------

/// How a file closes (the `__close` of its environment in 5.1).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CloseKind {
    Regular,
    Std,
    Popen,
}

/// The shared state of a file object; `None` once closed.
pub(crate) struct LFile {
    stream: RefCell<Option<Stream>>,
    kind: CloseKind,
}

/// The userdata payload.
struct FileBox(Rc<LFile>);

thread_local! {
    /// Every file opened, so that `os.exit` can flush them as C's `exit`
    /// flushes every `FILE`.
    static OPEN_FILES: RefCell<Vec<Weak<LFile>>> = const { RefCell::new(Vec::new()) };
}

/// Writes out the pending output of every open file (C's `exit` does,
/// with `_IO_flush_all`).
pub(crate) fn flush_all() {
    OPEN_FILES.with(|l| {
        for w in l.borrow().iter() {
            if let Some(f) = w.upgrade() {
                if let Ok(mut s) = f.stream.try_borrow_mut() {
                    if let Some(s) = s.as_mut() {
                        let _ = s.flush_pending();
                    }
                }
            }
        }
    });
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
}

fn registry_get(lua: &mut Lua, key: &str) -> Value {
    let k = lua.new_str(key);
    let r = lua.registry();
    lua.raw_get(r, k)
}

/// The file object in `v`, if it is one (`luaL_checkudata` without the
/// error).
fn file_of(lua: &mut Lua, v: Value) -> Option<Rc<LFile>> {
    let Value::UserData(u) = v else {
        return None;
    };
    let mt = registry_get(lua, FILEHANDLE);
    let ud = lua.heap.userdata.get(u.0);
    match (ud.meta, mt) {
        (Some(m), Value::Table(t)) if m == t => {
            ud.data.downcast_ref::<FileBox>().map(|b| b.0.clone())
        }
        _ => None,
    }
}

/// `tofilep`: argument `n` must be a file object, open or closed.
fn check_file_value(lua: &mut Lua, v: Value, n: usize) -> LuaResult<Rc<LFile>> {
    match file_of(lua, v) {
        Some(f) => Ok(f),
        None => Err(lua.arg_type_error(n, FILEHANDLE, v)),
    }
}

/// `tofile`: an open file.
fn open_file_value(lua: &mut Lua, v: Value) -> LuaResult<Rc<LFile>> {
    let f = check_file_value(lua, v, 1)?;
    if f.stream.borrow().is_none() {
        return Err(lua.native_error("attempt to use a closed file"));
    }
    Ok(f)
}

fn to_file(lua: &mut Lua, a: Args) -> LuaResult<Rc<LFile>> {
    let v = lua.arg(a, 1);
    open_file_value(lua, v)
}

/// The private environment of the io functions (5.1's `LUA_ENVIRONINDEX`
/// of `liolib.c`): `[1]` default input, `[2]` default output. It lives in
/// the registry because `getfenv` answers the globals for every native
/// function, as 5.1 does for C functions.
fn io_env(lua: &mut Lua) -> TableRef {
    match registry_get(lua, IO_ENV) {
        Value::Table(t) => t,
        _ => unreachable!("io environment missing from the registry"),
    }
}

/// Makes a file object (`newfile`) with environment `env`.
fn new_file(lua: &mut Lua, stream: Stream, kind: CloseKind, env: TableRef) -> Value {
    let lf = Rc::new(LFile {
        stream: RefCell::new(Some(stream)),
        kind,
    });
    OPEN_FILES.with(|l| {
        let mut l = l.borrow_mut();
        if l.len() >= 64 && l.len().is_power_of_two() {
            l.retain(|w| w.strong_count() > 0);
        }
        l.push(Rc::downgrade(&lf));
    });
    let meta = match registry_get(lua, FILEHANDLE) {
        Value::Table(t) => Some(t),
        _ => None,
    };
    Value::UserData(lua.heap.new_userdata(UserData {
        meta,
        env: Some(env),
        data: Box::new(FileBox(lf)),
    }))
}

/// `pushresult`: true, or nil, message, errno.
fn push_result(lua: &mut Lua, r: Result<(), i32>, filename: Option<&[u8]>) -> LuaResult<usize> {
    match r {
        Ok(()) => lua.push_all(&[Value::Bool(true)]),
        Err(en) => {
            set_errno(en);
            let mut msg = Vec::new();
            if let Some(name) = filename {
                msg.extend_from_slice(c_str(name));
                msg.extend_from_slice(b": ");
            }
            msg.extend_from_slice(strerror(en).as_bytes());
            let m = lua.new_str(msg);
            lua.push_all(&[Value::Nil, m, Value::Number(en as f64)])
        }
    }
}

/// `fopen(name, mode)` as glibc parses the mode.
pub(crate) fn fopen(name: &[u8], mode: &[u8]) -> Result<Stream, i32> {
    fopen_inner(name, mode).inspect_err(|&e| set_errno(e))
}

fn fopen_inner(name: &[u8], mode: &[u8]) -> Result<Stream, i32> {
    let mode = c_str(mode);
    let (mut read, mut write, append) = match mode.first() {
        Some(b'r') => (true, false, false),
        Some(b'w') => (false, true, false),
        Some(b'a') => (false, true, true),
        _ => return Err(EINVAL),
    };
    let mut plus = false;
    let mut excl = false;
    for &c in mode[1..].iter().take(6) {
        match c {
            b'+' => plus = true,
            b'x' => excl = true,
            _ => {}
        }
    }
    if plus {
        read = true;
        write = true;
    }
    let mut o = OpenOptions::new();
    o.read(read);
    match mode[0] {
        b'w' => {
            o.write(true).create(true).truncate(true);
        }
        b'a' => {
            o.append(true).create(true);
        }
        _ => {
            o.write(write);
        }
    }
    if excl {
        o.custom_flags(libc::O_EXCL);
    }
    let path = OsStr::from_bytes(c_str(name));
    let file = o.open(path).map_err(|e| errno_of(&e))?;
    let mut s = Stream::new(Some(file), Sink::Own, read, write, append);
    if append && !plus {
        // glibc positions "a" streams at the end when opening them.
        if let Some(f) = s.file.as_mut() {
            s.offset = f.seek(SeekFrom::End(0)).ok().map(|p| p as i64);
        }
    }
    Ok(s)
}

// ----- library ---------------------------------------------------------------

/// Registers `io` and the file metatable.
pub fn open(lua: &mut Lua) {
    // The metatable of files: registry["FILE*"], its own __index.
    let mt = lua.new_table();
    let r = lua.registry();
    lua.raw_set_str(r, FILEHANDLE, Value::Table(mt));
    lua.raw_set_str(mt, "__index", Value::Table(mt));
    let flib: &[(&'static str, NativeFnPtr)] = &[
        ("close", io_close),
        ("flush", f_flush),
        ("lines", f_lines),
        ("read", f_read),
        ("seek", f_seek),
        ("setvbuf", f_setvbuf),
        ("write", f_write),
        ("__gc", io_gc),
        ("__tostring", io_tostring),
    ];
    for &(name, f) in flib {
        let v = lua.new_native(name, f);
        lua.raw_set_str(mt, name, v);
    }
    // The private environment of the io functions.
    let env = lua.new_table();
    lua.raw_set_str(r, IO_ENV, Value::Table(env));
    let fclose = lua.new_native("__close", io_fclose);
    lua.raw_set_str(env, "__close", fclose);
    let io = crate::stdlib::register_lib(
        lua,
        "io",
        &[
            ("close", io_close),
            ("flush", io_flush),
            ("input", io_input),
            ("lines", io_lines),
            ("open", io_open),
            ("output", io_output),
            ("popen", io_popen),
            ("read", io_read),
            ("tmpfile", io_tmpfile),
            ("type", io_type),
            ("write", io_write),
        ],
    );
    // The standard files, whose environment cannot close them.
    let std_env = lua.new_table();
    let noclose = lua.new_native("__close", io_noclose);
    lua.raw_set_str(std_env, "__close", noclose);
    let dup = |fd: std::os::fd::BorrowedFd<'_>| fd.try_clone_to_owned().ok().map(File::from);
    use std::os::fd::AsFd;
    let stdin = Stream::new(dup(std::io::stdin().as_fd()), Sink::Own, true, false, false);
    let stdout = Stream::new(
        dup(std::io::stdout().as_fd()),
        Sink::Stdout,
        false,
        true,
        false,
    );
    let stderr = Stream::new(
        dup(std::io::stderr().as_fd()),
        Sink::Stderr,
        false,
        true,
        false,
    );
    for (k, name, s) in [
        (1, "stdin", stdin),
        (2, "stdout", stdout),
        (0, "stderr", stderr),
    ] {
        let f = new_file(lua, s, CloseKind::Std, std_env);
        if k > 0 {
            lua.heap.table_mut(env).set_int(k, f);
        }
        lua.raw_set_str(io, name, f);
    }
}

/// Closes `file` as its kind requires (`aux_close`) and pushes the results.
fn aux_close(lua: &mut Lua, file: &Rc<LFile>) -> LuaResult<usize> {
    if file.kind == CloseKind::Std {
        let m = lua.new_str("cannot close standard file");
        return lua.push_all(&[Value::Nil, m]);
    }
    let r = match file.stream.borrow_mut().take() {
        Some(mut s) => s.close(),
        None => Ok(()),
    };
    push_result(lua, r, None)
}

fn io_fclose(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = lua.arg(a, 1);
    let f = check_file_value(lua, v, 1)?;
    let r = match f.stream.borrow_mut().take() {
        Some(mut s) => s.close(),
        None => Err(EBADF),
    };
    push_result(lua, r, None)
}

fn io_noclose(lua: &mut Lua, _a: Args) -> LuaResult<usize> {
    let m = lua.new_str("cannot close standard file");
    lua.push_all(&[Value::Nil, m])
}

fn io_close(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = if a.len == 0 {
        let env = io_env(lua);
        lua.heap.table(env).get_int(IO_OUTPUT)
    } else {
        lua.arg(a, 1)
    };
    let f = open_file_value(lua, v)?;
    aux_close(lua, &f)
}

fn io_gc(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = lua.arg(a, 1);
    let f = check_file_value(lua, v, 1)?;
    if f.stream.borrow().is_some() {
        aux_close(lua, &f)?;
    }
    Ok(0)
}

fn io_tostring(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = lua.arg(a, 1);
    let f = check_file_value(lua, v, 1)?;
    let s = if f.stream.borrow().is_none() {
        "file (closed)".to_string()
    } else {
        format!("file ({})", lua.address(v))
    };
    let s = lua.new_str(s);
    lua.push_all(&[s])
}

fn io_type(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let v = lua.check_any(a, 1)?;
    let r = match file_of(lua, v) {
        None => Value::Nil,
        Some(f) if f.stream.borrow().is_none() => lua.new_str("closed file"),
        Some(_) => lua.new_str("file"),
    };
    lua.push_all(&[r])
}

fn opt_bytes(lua: &mut Lua, a: Args, n: usize, default: &str) -> LuaResult<Vec<u8>> {
    if lua.arg(a, n).is_nil() {
        Ok(default.as_bytes().to_vec())
    } else {
        lua.check_bytes(a, n)
    }
}

fn io_open(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let name = lua.check_bytes(a, 1)?;
    let mode = opt_bytes(lua, a, 2, "r")?;
    match fopen(&name, &mode) {
        Ok(s) => {
            let env = io_env(lua);
            let f = new_file(lua, s, CloseKind::Regular, env);
            lua.push_all(&[f])
        }
        Err(en) => push_result(lua, Err(en), Some(&name)),
    }
}

fn io_popen(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let cmd = lua.check_bytes(a, 1)?;
    let mode = opt_bytes(lua, a, 2, "r")?;
    // glibc's popen: only 'r', 'w' and 'e', exactly one of 'r' and 'w'.
    let m = c_str(&mode);
    let reading = m.contains(&b'r');
    let writing = m.contains(&b'w');
    if m.iter().any(|c| !b"rwe".contains(c)) || reading == writing {
        return push_result(lua, Err(EINVAL), Some(&cmd));
    }
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let mut c = Command::new("/bin/sh");
    c.arg0("sh").arg("-c").arg(OsStr::from_bytes(c_str(&cmd)));
    if reading {
        c.stdout(Stdio::piped());
    } else {
        c.stdin(Stdio::piped());
    }
    let mut child = match c.spawn() {
        Ok(ch) => ch,
        Err(e) => return push_result(lua, Err(errno_of(&e)), Some(&cmd)),
    };
    let fd: std::os::fd::OwnedFd = if reading {
        child.stdout.take().expect("piped stdout").into()
    } else {
        child.stdin.take().expect("piped stdin").into()
    };
    let mut s = Stream::new(Some(File::from(fd)), Sink::Own, reading, writing, false);
    s.child = Some(child);
    let env = io_env(lua);
    let f = new_file(lua, s, CloseKind::Popen, env);
    lua.push_all(&[f])
}

/// A unique file under `/tmp` from `prefix` + 6 random characters, created
/// with mode 0600 (glibc's `mkstemp`, also used by `tmpfile`).
pub(crate) fn mkstemp(prefix: &str) -> std::io::Result<(File, String)> {
    use std::hash::{BuildHasher, Hasher};
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let rs = std::collections::hash_map::RandomState::new();
    let mut last = None;
    for attempt in 0u64..1000 {
        let mut h = rs.build_hasher();
        h.write_u64(attempt);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        h.write_u32(std::process::id());
        let mut x = h.finish();
        let mut name = prefix.to_string();
        for _ in 0..6 {
            name.push(CHARS[(x % 62) as usize] as char);
            x /= 62;
        }
        match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&name)
        {
            Ok(f) => return Ok((f, name)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::from_raw_os_error(libc::EEXIST)))
}

fn io_tmpfile(lua: &mut Lua, _a: Args) -> LuaResult<usize> {
    match mkstemp("/tmp/tmpf") {
        Ok((file, name)) => {
            let _ = std::fs::remove_file(&name);
            let s = Stream::new(Some(file), Sink::Own, true, true, false);
            let env = io_env(lua);
            let f = new_file(lua, s, CloseKind::Regular, env);
            lua.push_all(&[f])
        }
        Err(e) => push_result(lua, Err(errno_of(&e)), None),
    }
}

/// `getiofile`: the default input or output file, which must be open.
fn get_io_file(lua: &mut Lua, idx: i64) -> LuaResult<Rc<LFile>> {
    let env = io_env(lua);
    let v = lua.heap.table(env).get_int(idx);
    match file_of(lua, v) {
        Some(f) if f.stream.borrow().is_some() => Ok(f),
        _ => {
            let which = if idx == IO_INPUT { "input" } else { "output" };
            Err(lua.native_error(&format!("standard {which} file is closed")))
        }
    }
}

/// `io.input`/`io.output`.
fn g_iofile(lua: &mut Lua, a: Args, idx: i64, mode: &str) -> LuaResult<usize> {
    let env = io_env(lua);
    let v = lua.arg(a, 1);
    if !v.is_nil() {
        let newf = match lua.to_str(v) {
            Some(s) => {
                let name = lua.str_bytes(s).to_vec();
                match fopen(&name, mode.as_bytes()) {
                    Ok(st) => {
                        let f = new_file(lua, st, CloseKind::Regular, env);
                        lua.push(f)?;
                        f
                    }
                    Err(en) => {
                        let msg = format!(
                            "{}: {}",
                            String::from_utf8_lossy(c_str(&name)),
                            strerror(en)
                        );
                        return Err(lua.arg_error(1, &msg));
                    }
                }
            }
            None => {
                open_file_value(lua, v)?;
                v
            }
        };
        lua.heap.table_mut(env).set_int(idx as usize, newf);
    }
    let cur = lua.heap.table(env).get_int(idx);
    lua.push_all(&[cur])
}

fn io_input(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    g_iofile(lua, a, IO_INPUT, "r")
}

fn io_output(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    g_iofile(lua, a, IO_OUTPUT, "w")
}

/// The iterator of `lines` over `file`; `toclose` closes it at the end.
fn push_lines(lua: &mut Lua, file: Value, toclose: bool) -> LuaResult<usize> {
    let it = lua.new_native_with(
        "lines_iterator",
        NativeFn::Static(io_readline),
        vec![file, Value::Bool(toclose)],
    );
    lua.push_all(&[it])
}

fn f_lines(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    to_file(lua, a)?;
    let v = lua.arg(a, 1);
    push_lines(lua, v, false)
}

fn io_lines(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    if lua.arg(a, 1).is_nil() {
        let env = io_env(lua);
        let v = lua.heap.table(env).get_int(IO_INPUT);
        open_file_value(lua, v)?;
        return push_lines(lua, v, false);
    }
    let s = lua.check_str(a, 1)?;
    let name = lua.str_bytes(s).to_vec();
    match fopen(&name, b"r") {
        Ok(st) => {
            let env = io_env(lua);
            let f = new_file(lua, st, CloseKind::Regular, env);
            lua.push(f)?;
            push_lines(lua, f, true)
        }
        Err(en) => {
            let msg = format!(
                "{}: {}",
                String::from_utf8_lossy(c_str(&name)),
                strerror(en)
            );
            Err(lua.arg_error(1, &msg))
        }
    }
}

fn io_readline(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let ups = lua.native_upvals(a.fref).to_vec();
    let (fv, toclose) = (ups[0], ups[1].truthy());
    let Some(file) = file_of(lua, fv) else {
        return Err(lua.native_error("file is already closed"));
    };
    let r = {
        let mut g = file.stream.borrow_mut();
        match g.as_mut() {
            None => None,
            Some(s) => {
                let (ok, line) = read_line(s);
                Some((ok, line, s.err.then(errno)))
            }
        }
    };
    let Some((ok, line, err)) = r else {
        return Err(lua.native_error("file is already closed"));
    };
    if let Some(en) = err {
        return Err(lua.native_error(&strerror(en)));
    }
    if ok {
        let v = lua.new_str(line);
        return lua.push_all(&[v]);
    }
    if toclose {
        let top = lua.stack_top();
        aux_close(lua, &file)?;
        lua.truncate_stack(top);
    }
    Ok(0)
}

// ----- reading ---------------------------------------------------------------

/// `read_line`: the line without its newline, and whether anything was
/// read. Like 5.1 (`fgets` + `strlen`), a NUL byte cuts its chunk short.
fn read_line(s: &mut Stream) -> (bool, Vec<u8>) {
    let mut out = Vec::new();
    loop {
        let Some(chunk) = s.fgets(BUFSIZ) else {
            let ok = !out.is_empty();
            return (ok, out);
        };
        let l = chunk.iter().position(|&c| c == 0).unwrap_or(chunk.len());
        if l == 0 || chunk[l - 1] != b'\n' {
            out.extend_from_slice(&chunk[..l]);
        } else {
            out.extend_from_slice(&chunk[..l - 1]);
            return (true, out);
        }
    }
}

/// `read_chars`: up to `n` bytes; success when `n` is 0 or something was
/// read.
fn read_chars(s: &mut Stream, n: usize) -> (bool, Vec<u8>) {
    let b = s.read_n(n);
    (n == 0 || !b.is_empty(), b)
}

/// `test_eof`.
fn test_eof(s: &mut Stream) -> bool {
    match s.getc() {
        Some(_) => {
            s.ungetc();
            true
        }
        None => false,
    }
}

fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `fscanf(f, "%lf", &d)` as glibc scans it: the characters that can
/// start a number are consumed (the first one that cannot continue it is
/// pushed back), then `strtod` converts the longest valid prefix.
fn read_number(s: &mut Stream) -> Option<f64> {
    // vfscanf's ARGCHECK: a write-only stream fails without the error flag.
    if !s.readable {
        s.errno = EBADF;
        set_errno(EBADF);
        return None;
    }
    // Skip white space.
    loop {
        let c = s.getc()?;
        if !is_c_space(c) {
            s.ungetc();
            break;
        }
    }
    let mut buf: Vec<u8> = Vec::new();
    let mut c = s.getc()?;
    if c == b'-' || c == b'+' {
        buf.push(c);
        c = s.getc()?;
    }
    let lower = c.to_ascii_lowercase();
    if lower == b'n' {
        buf.push(c);
        for want in [b'a', b'n'] {
            let c = s.getc()?;
            if c.to_ascii_lowercase() != want {
                return None;
            }
            buf.push(c);
        }
        return convert(&buf);
    }
    if lower == b'i' {
        buf.push(c);
        for want in [b'n', b'f'] {
            let c = s.getc()?;
            if c.to_ascii_lowercase() != want {
                return None;
            }
            buf.push(c);
        }
        match s.getc() {
            None => {}
            Some(c) if c.eq_ignore_ascii_case(&b'i') => {
                buf.push(c);
                for want in [b'n', b'i', b't', b'y'] {
                    let c = s.getc()?;
                    if c.to_ascii_lowercase() != want {
                        return None;
                    }
                    buf.push(c);
                }
            }
            Some(_) => s.ungetc(),
        }
        return convert(&buf);
    }
    let mut hex = false;
    let mut got_digit = false;
    let mut got_dot = false;
    let mut got_e = false;
    let mut cur = Some(c);
    if c == b'0' {
        buf.push(c);
        cur = s.getc();
        match cur {
            Some(x) if x.eq_ignore_ascii_case(&b'x') => {
                buf.push(x);
                hex = true;
                cur = s.getc();
            }
            _ => got_digit = true,
        }
    }
    let exp_char = if hex { b'p' } else { b'e' };
    while let Some(c) = cur {
        if c.is_ascii_digit() || (!got_e && hex && c.is_ascii_hexdigit()) {
            buf.push(c);
            got_digit = true;
        } else if got_e && buf.last() == Some(&exp_char) && (c == b'-' || c == b'+') {
            buf.push(c);
        } else if got_digit && !got_e && c.to_ascii_lowercase() == exp_char {
            buf.push(exp_char);
            got_e = true;
            got_dot = true;
        } else if !got_dot && c == b'.' {
            buf.push(c);
            got_dot = true;
        } else {
            s.ungetc();
            break;
        }
        cur = s.getc();
    }
    // "Have we read any character? ... only the `0x' prefix is an error."
    let sign = usize::from(matches!(buf.first(), Some(b'-' | b'+')));
    if buf.len() == sign || (hex && buf.len() == 2 + sign) {
        return None;
    }
    convert(&buf)
}

/// `strtod` on the scanned characters: the longest prefix that converts
/// (setting `errno` to ERANGE on overflow and underflow, as glibc does).
fn convert(buf: &[u8]) -> Option<f64> {
    let (n, d) = (1..=buf.len())
        .rev()
        .find_map(|n| crate::number::str_to_number(&buf[..n]).map(|d| (n, d)))?;
    let text = &buf[..n];
    let special = text.iter().any(|c| matches!(c, b'n' | b'N' | b'i' | b'I'));
    let mantissa_end = text
        .iter()
        .position(|&c| matches!(c, b'e' | b'E' | b'p' | b'P'))
        .unwrap_or(text.len());
    let hex = text.iter().any(|&c| c == b'x' || c == b'X');
    let nonzero = text[..mantissa_end]
        .iter()
        .skip_while(|&&c| !c.is_ascii_digit())
        .skip(if hex { 2 } else { 0 })
        .any(|&c| c.is_ascii_hexdigit() && c != b'0');
    if !special && (d.is_infinite() || (nonzero && (d == 0.0 || d.is_subnormal()))) {
        set_errno(libc::ERANGE);
    }
    Some(d)
}

fn g_read(lua: &mut Lua, a: Args, file: &Rc<LFile>, first: usize) -> LuaResult<usize> {
    let nargs = (a.len + 1).saturating_sub(first);
    let mut guard = file.stream.borrow_mut();
    let s = guard.as_mut().expect("open file");
    s.clearerr();
    let mut success;
    let nres;
    if nargs == 0 {
        let (ok, line) = read_line(s);
        success = ok;
        let v = lua.new_str(line);
        lua.push(v)?;
        nres = 1;
    } else {
        lua.check_stack(nargs + 20, "too many arguments")?;
        success = true;
        let mut k = first;
        while k < first + nargs && success {
            let v = lua.arg(a, k);
            let r = if let Value::Number(x) = v {
                let l = c_long(x) as u64 as usize;
                if l == 0 {
                    success = test_eof(s);
                    lua.new_str("")
                } else {
                    let (ok, b) = read_chars(s, l);
                    success = ok;
                    lua.new_str(b)
                }
            } else {
                let p = match v {
                    Value::Str(p) => lua.str_bytes(p).to_vec(),
                    _ => Vec::new(),
                };
                if p.first() != Some(&b'*') {
                    drop(guard);
                    return Err(lua.arg_error(k, "invalid option"));
                }
                match p.get(1) {
                    Some(b'n') => match read_number(s) {
                        Some(d) => Value::Number(d),
                        None => {
                            success = false;
                            Value::Nil
                        }
                    },
                    Some(b'l') => {
                        let (ok, line) = read_line(s);
                        success = ok;
                        lua.new_str(line)
                    }
                    Some(b'a') => {
                        let (_, b) = read_chars(s, usize::MAX);
                        success = true;
                        lua.new_str(b)
                    }
                    _ => {
                        drop(guard);
                        return Err(lua.arg_error(k, "invalid format"));
                    }
                }
            };
            lua.push(r)?;
            k += 1;
        }
        nres = k - first;
    }
    if s.err {
        let en = errno();
        drop(guard);
        return push_result(lua, Err(en), None);
    }
    if !success {
        let top = lua.stack_top();
        lua.stack_set(top - 1, Value::Nil);
    }
    Ok(nres)
}

fn io_read(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let f = get_io_file(lua, IO_INPUT)?;
    g_read(lua, a, &f, 1)
}

fn f_read(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let f = to_file(lua, a)?;
    g_read(lua, a, &f, 2)
}

// ----- writing ---------------------------------------------------------------

fn g_write(lua: &mut Lua, a: Args, file: &Rc<LFile>, first: usize) -> LuaResult<usize> {
    let mut status = true;
    for k in first..=a.len {
        let v = lua.arg(a, k);
        let is_number = matches!(v, Value::Number(_));
        let bytes: Vec<u8> = if let Value::Number(n) = v {
            let mut b = Vec::new();
            crate::number::fmt_number(n, &mut b);
            b
        } else {
            lua.check_bytes(a, k)?
        };
        if status {
            let mut g = file.stream.borrow_mut();
            status = g.as_mut().is_some_and(|s| {
                if is_number {
                    s.write_number(&bytes)
                } else {
                    s.write(&bytes)
                }
            });
        }
    }
    let r = if status { Ok(()) } else { Err(errno()) };
    push_result(lua, r, None)
}

fn io_write(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let f = get_io_file(lua, IO_OUTPUT)?;
    g_write(lua, a, &f, 1)
}

fn f_write(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let f = to_file(lua, a)?;
    g_write(lua, a, &f, 2)
}

// ----- other methods -----------------------------------------------------------

/// `luaL_checkoption`.
pub(crate) fn check_option(
    lua: &mut Lua,
    a: Args,
    n: usize,
    def: Option<&str>,
    names: &[&str],
) -> LuaResult<usize> {
    let name = match def {
        Some(d) if lua.arg(a, n).is_nil() => d.as_bytes().to_vec(),
        _ => lua.check_bytes(a, n)?,
    };
    let cname = c_str(&name);
    match names.iter().position(|x| x.as_bytes() == cname) {
        Some(i) => Ok(i),
        None => {
            let msg = format!("invalid option '{}'", String::from_utf8_lossy(cname));
            Err(lua.arg_error(n, &msg))
        }
    }
}

fn f_seek(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let f = to_file(lua, a)?;
    let op = check_option(lua, a, 2, Some("cur"), &["set", "cur", "end"])?;
    let off = if lua.arg(a, 3).is_nil() {
        0
    } else {
        c_long(lua.check_number(a, 3)?)
    };
    let r = f
        .stream
        .borrow_mut()
        .as_mut()
        .expect("open file")
        .seek(op, off);
    match r {
        Ok(pos) => lua.push_all(&[Value::Number(pos as f64)]),
        Err(en) => push_result(lua, Err(en), None),
    }
}

fn f_setvbuf(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let f = to_file(lua, a)?;
    let op = check_option(lua, a, 2, None, &["no", "full", "line"])?;
    lua.opt_int(a, 3, BUFSIZ as i64)?;
    let mode = [BufMode::No, BufMode::Full, BufMode::Line][op];
    let r = f
        .stream
        .borrow_mut()
        .as_mut()
        .expect("open file")
        .setvbuf(mode);
    push_result(lua, r, None)
}

fn io_flush(lua: &mut Lua, _a: Args) -> LuaResult<usize> {
    let f = get_io_file(lua, IO_OUTPUT)?;
    let r = f.stream.borrow_mut().as_mut().expect("open file").flush();
    push_result(lua, r, None)
}

fn f_flush(lua: &mut Lua, a: Args) -> LuaResult<usize> {
    let f = to_file(lua, a)?;
    let r = f.stream.borrow_mut().as_mut().expect("open file").flush();
    push_result(lua, r, None)
}

#[cfg(test)]
mod tests {
    use super::{fopen, read_line, read_number, Stream};

    /// A fresh stream over a temporary file holding `content`.
    fn stream(content: &[u8]) -> (Stream, String) {
        let (mut f, name) = super::mkstemp("/tmp/redlua_test_").expect("temp file");
        std::io::Write::write_all(&mut f, content).unwrap();
        drop(f);
        (fopen(name.as_bytes(), b"r+").expect("reopen"), name)
    }

    #[test]
    fn scans_numbers_like_fscanf() {
        let (mut s, name) = stream(b" 12 -3.5e1 0x10 1e+ x");
        assert_eq!(read_number(&mut s), Some(12.0));
        assert_eq!(read_number(&mut s), Some(-35.0));
        assert_eq!(read_number(&mut s), Some(16.0));
        // "1e+" is consumed, strtod converts the "1".
        assert_eq!(read_number(&mut s), Some(1.0));
        assert_eq!(read_number(&mut s), None);
        assert_eq!(s.read_n(10), b"x");
        std::fs::remove_file(name).unwrap();
    }

    #[test]
    fn lines_and_buffered_writes() {
        let (mut s, name) = stream(b"a\nb\0c\nd");
        assert_eq!(read_line(&mut s), (true, b"a".to_vec()));
        assert_eq!(read_line(&mut s), (true, b"bd".to_vec()));
        assert_eq!(read_line(&mut s), (false, Vec::new()));
        assert!(s.eof);
        s.seek(0, 0).unwrap();
        assert!(s.write(b"XY"));
        // Still in the buffer: the file is unchanged.
        assert_eq!(std::fs::read(&name).unwrap(), b"a\nb\0c\nd");
        s.flush().unwrap();
        assert_eq!(std::fs::read(&name).unwrap(), b"XYb\0c\nd");
        assert_eq!(s.seek(1, 0), Ok(2));
        s.close().unwrap();
        std::fs::remove_file(name).unwrap();
    }

    #[test]
    fn only_opened_on_request() {
        use crate::{Libs, Lua, Value};
        let mut lua = Lua::new();
        lua.open_libs(Libs::BASE | Libs::COROUTINE | Libs::STRING | Libs::TABLE | Libs::MATH);
        assert_eq!(lua.get_global("io"), Value::Nil);
        assert_eq!(lua.get_global("os"), Value::Nil);
        let mut lua = Lua::new();
        lua.open_libs(Libs::ALL);
        assert!(matches!(lua.get_global("io"), Value::Table(_)));
        assert!(matches!(lua.get_global("os"), Value::Table(_)));
    }

    #[test]
    fn fopen_modes_and_errors() {
        assert_eq!(fopen(b"/nonexistent/x", b"r").err(), Some(2));
        assert_eq!(fopen(b"/tmp/x", b"q").err(), Some(22));
        assert_eq!(fopen(b"/tmp", b"w").err(), Some(21));
    }
}
