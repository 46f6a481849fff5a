// The termios module: the POSIX terminal interface (tcgetattr/tcsetattr, tcsendbreak,
// tcdrain, tcflush, tcflow, tcgetwinsize/tcsetwinsize) and its constants, as CPython
// 3.11's; tty.py and asyncio's tests import it. Failures raise termios.error(errno,
// strerror), an Exception subclass (not an OSError), as CPython's.
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/native_support.h"
#include "objects/bytes.h"
#include "stackless/modules/runtime_modules.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace slpy {

namespace {

// termios.error: made once per process like the other native modules' error classes
// (the type is frozen into the shared runtime with them).
TypeObject* g_termios_error = nullptr;

// termios.error(errno, strerror) for the errno of the failed call.
Value raise_termios_error(VM& vm, int err)
{
    Value args[2] = { Value::small_int(err), str_value(vm, std::strerror(err)) };
    if (args[1].is_null())
        return Value::null();
    Value e = call(vm, Value::from_object(g_termios_error), args, 2);
    if (e.is_null())
        return e;
    vm.set_error(e);
    return Value::null();
}

// An int argument (argument clinic's `int`): TypeError for a non-integer, OverflowError
// outside C int.
bool c_int_arg(VM& vm, Value v, int& out)
{
    if (!is_int(v) && type_of(v)->slot(Slot::INDEX).is_null()) {
        raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(v));
        return false;
    }
    int64_t i;
    if (!index_i64(vm, v, i))
        return false;
    if (i < INT_MIN || i > INT_MAX) {
        raise(vm, exc::OverflowError, i > 0 ? "signed integer is greater than maximum" : "signed integer is less than minimum");
        return false;
    }
    out = int(i);
    return true;
}

bool fixed_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t n)
{
    return check_no_kwargs(vm, name, kwnames) && check_nargs(vm, name, nargs, n, n);
}

// tcgetattr(fd) -> [iflag, oflag, cflag, lflag, ispeed, ospeed, cc]: cc holds one-byte
// bytes, except cc[VMIN] and cc[VTIME] which are ints in non-canonical mode.
Value t_tcgetattr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int fd;
    if (!fixed_args(vm, "tcgetattr", nargs, kwnames, 1) || !fd_from_object(vm, args[0], fd))
        return Value::null();
    struct termios mode;
    if (::tcgetattr(fd, &mode) < 0)
        return raise_termios_error(vm, errno);
    List* cc = list_new(vm);
    if (!cc)
        return Value::null();
    for (size_t i = 0; i < NCCS; ++i) {
        Value v;
        if (!(mode.c_lflag & ICANON) && (i == VMIN || i == VTIME)) {
            v = Value::small_int(mode.c_cc[i]);
        } else {
            char ch = char(mode.c_cc[i]);
            Bytes* b = bytes_new(vm, std::string_view(&ch, 1));
            if (!b)
                return Value::null();
            v = Value::from_object(b);
        }
        if (!list_append(vm, cc, v))
            return Value::null();
    }
    Value items[7] = {
        int_from_i64(vm, int64_t(mode.c_iflag)), int_from_i64(vm, int64_t(mode.c_oflag)),
        int_from_i64(vm, int64_t(mode.c_cflag)), int_from_i64(vm, int64_t(mode.c_lflag)),
        int_from_i64(vm, int64_t(cfgetispeed(&mode))), int_from_i64(vm, int64_t(cfgetospeed(&mode))),
        Value::from_object(cc),
    };
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    for (Value v : items)
        if (v.is_null() || !list_append(vm, out, v))
            return Value::null();
    return Value::from_object(out);
}

// A flag word of tcsetattr's list: a C long, as CPython's PyLong_AsLong.
bool flag_arg(VM& vm, Value v, int64_t& out)
{
    if (!is_int(v) && type_of(v)->slot(Slot::INDEX).is_null()) {
        raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(v));
        return false;
    }
    return index_i64(vm, v, out);
}

// tcsetattr(fd, when, attributes): attributes as tcgetattr gives them.
Value t_tcsetattr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int fd, when;
    if (!fixed_args(vm, "tcsetattr", nargs, kwnames, 3) || !fd_from_object(vm, args[0], fd) || !c_int_arg(vm, args[1], when))
        return Value::null();
    List* attrs = as_list(args[2]);
    if (!attrs || attrs->size != 7)
        return raise(vm, exc::TypeError, "tcsetattr, arg 3: must be 7 element list");
    // The current settings first, so fields this list does not hold keep their values.
    struct termios mode;
    if (::tcgetattr(fd, &mode) < 0)
        return raise_termios_error(vm, errno);
    int64_t f[6];
    for (int i = 0; i < 6; ++i)
        if (!flag_arg(vm, attrs->items()[i], f[i]))
            return Value::null();
    List* cc = as_list(attrs->items()[6]);
    if (!cc || cc->size != NCCS)
        return raise_fmt(vm, exc::TypeError, "tcsetattr: attributes[6] must be %d element list", int(NCCS));
    mode.c_iflag = tcflag_t(f[0]);
    mode.c_oflag = tcflag_t(f[1]);
    mode.c_cflag = tcflag_t(f[2]);
    mode.c_lflag = tcflag_t(f[3]);
    for (size_t i = 0; i < NCCS; ++i) {
        Value v = cc->items()[i];
        Bytes* b = as_bytes(v);
        if (b && b->size == 1) {
            mode.c_cc[i] = cc_t(b->view()[0]);
        } else if (is_int(v)) {
            int c;
            if (!c_int_arg(vm, v, c))
                return Value::null();
            mode.c_cc[i] = cc_t(c);
        } else {
            return raise(vm, exc::TypeError, "tcsetattr: elements of attributes must be characters or integers");
        }
    }
    if (cfsetispeed(&mode, speed_t(f[4])) < 0 || cfsetospeed(&mode, speed_t(f[5])) < 0)
        return raise_termios_error(vm, errno);
    if (::tcsetattr(fd, when, &mode) < 0)
        return raise_termios_error(vm, errno);
    return py_none();
}

// The calls of one int argument after the descriptor.
template<int (*Call)(int, int)>
Value fd_int_call(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames)
{
    int fd, arg;
    if (!fixed_args(vm, name, nargs, kwnames, 2) || !fd_from_object(vm, args[0], fd) || !c_int_arg(vm, args[1], arg))
        return Value::null();
    if (Call(fd, arg) < 0)
        return raise_termios_error(vm, errno);
    return py_none();
}

Value t_tcsendbreak(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return fd_int_call<::tcsendbreak>(vm, "tcsendbreak", args, nargs, kwnames);
}
Value t_tcflush(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return fd_int_call<::tcflush>(vm, "tcflush", args, nargs, kwnames);
}
Value t_tcflow(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return fd_int_call<::tcflow>(vm, "tcflow", args, nargs, kwnames);
}

Value t_tcdrain(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int fd;
    if (!fixed_args(vm, "tcdrain", nargs, kwnames, 1) || !fd_from_object(vm, args[0], fd))
        return Value::null();
    if (::tcdrain(fd) < 0)
        return raise_termios_error(vm, errno);
    return py_none();
}

// tcgetwinsize(fd) -> (rows, columns)
Value t_tcgetwinsize(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int fd;
    if (!fixed_args(vm, "tcgetwinsize", nargs, kwnames, 1) || !fd_from_object(vm, args[0], fd))
        return Value::null();
    struct winsize w;
    if (::ioctl(fd, TIOCGWINSZ, &w) < 0)
        return raise_termios_error(vm, errno);
    Tuple* t = tuple_pack(vm, { Value::small_int(w.ws_row), Value::small_int(w.ws_col) });
    return t ? Value::from_object(t) : Value::null();
}

// tcsetwinsize(fd, (rows, columns)): the pixel sizes are kept.
Value t_tcsetwinsize(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int fd;
    if (!fixed_args(vm, "tcsetwinsize", nargs, kwnames, 2) || !fd_from_object(vm, args[0], fd))
        return Value::null();
    Value seq = args[1];
    Tuple* tup = as_tuple(seq);
    List* lst = tup ? nullptr : as_list(seq);
    Value items[2];
    if (tup && tup->size == 2) {
        items[0] = tup->items[0];
        items[1] = tup->items[1];
    } else if (lst && lst->size == 2) {
        items[0] = lst->items()[0];
        items[1] = lst->items()[1];
    } else {
        // Any other sequence of two (CPython's PySequence_Check + PySequence_Size).
        Value n = tup || lst ? Value::null() : call_method(vm, seq, intern(vm, "__len__"), nullptr, 0);
        int64_t len = -1;
        if (n.is_null() || !index_i64(vm, n, len) || len != 2) {
            vm.clear_error();
            return raise(vm, exc::TypeError, "tcsetwinsize, arg 2: must be a two-item sequence");
        }
        for (int i = 0; i < 2; ++i) {
            Value idx = Value::small_int(i);
            items[i] = call_method(vm, seq, intern(vm, "__getitem__"), &idx, 1);
            if (items[i].is_null())
                return Value::null();
        }
    }
    struct winsize w;
    if (::ioctl(fd, TIOCGWINSZ, &w) < 0)
        return raise_termios_error(vm, errno);
    int64_t rc[2];
    for (int i = 0; i < 2; ++i) {
        if (!flag_arg(vm, items[i], rc[i]))
            return Value::null();
        if (rc[i] < 0 || rc[i] > USHRT_MAX)
            return raise(vm, exc::OverflowError, "winsize value(s) out of range.");
    }
    w.ws_row = static_cast<unsigned short>(rc[0]);
    w.ws_col = static_cast<unsigned short>(rc[1]);
    if (::ioctl(fd, TIOCSWINSZ, &w) < 0)
        return raise_termios_error(vm, errno);
    return py_none();
}

struct TermiosConstant {
    char const* name;
    long long value;
};

// CPython's table (Modules/termios.c): each name where this platform's headers define it.
constexpr TermiosConstant kConstants[] = {
#ifdef B0
    { "B0", static_cast<long long>(B0) },
#endif
#ifdef B1000000
    { "B1000000", static_cast<long long>(B1000000) },
#endif
#ifdef B110
    { "B110", static_cast<long long>(B110) },
#endif
#ifdef B115200
    { "B115200", static_cast<long long>(B115200) },
#endif
#ifdef B1152000
    { "B1152000", static_cast<long long>(B1152000) },
#endif
#ifdef B1200
    { "B1200", static_cast<long long>(B1200) },
#endif
#ifdef B134
    { "B134", static_cast<long long>(B134) },
#endif
#ifdef B150
    { "B150", static_cast<long long>(B150) },
#endif
#ifdef B1500000
    { "B1500000", static_cast<long long>(B1500000) },
#endif
#ifdef B1800
    { "B1800", static_cast<long long>(B1800) },
#endif
#ifdef B19200
    { "B19200", static_cast<long long>(B19200) },
#endif
#ifdef B200
    { "B200", static_cast<long long>(B200) },
#endif
#ifdef B2000000
    { "B2000000", static_cast<long long>(B2000000) },
#endif
#ifdef B230400
    { "B230400", static_cast<long long>(B230400) },
#endif
#ifdef B2400
    { "B2400", static_cast<long long>(B2400) },
#endif
#ifdef B2500000
    { "B2500000", static_cast<long long>(B2500000) },
#endif
#ifdef B300
    { "B300", static_cast<long long>(B300) },
#endif
#ifdef B3000000
    { "B3000000", static_cast<long long>(B3000000) },
#endif
#ifdef B3500000
    { "B3500000", static_cast<long long>(B3500000) },
#endif
#ifdef B38400
    { "B38400", static_cast<long long>(B38400) },
#endif
#ifdef B4000000
    { "B4000000", static_cast<long long>(B4000000) },
#endif
#ifdef B460800
    { "B460800", static_cast<long long>(B460800) },
#endif
#ifdef B4800
    { "B4800", static_cast<long long>(B4800) },
#endif
#ifdef B50
    { "B50", static_cast<long long>(B50) },
#endif
#ifdef B500000
    { "B500000", static_cast<long long>(B500000) },
#endif
#ifdef B57600
    { "B57600", static_cast<long long>(B57600) },
#endif
#ifdef B576000
    { "B576000", static_cast<long long>(B576000) },
#endif
#ifdef B600
    { "B600", static_cast<long long>(B600) },
#endif
#ifdef B75
    { "B75", static_cast<long long>(B75) },
#endif
#ifdef B921600
    { "B921600", static_cast<long long>(B921600) },
#endif
#ifdef B9600
    { "B9600", static_cast<long long>(B9600) },
#endif
#ifdef BRKINT
    { "BRKINT", static_cast<long long>(BRKINT) },
#endif
#ifdef BS0
    { "BS0", static_cast<long long>(BS0) },
#endif
#ifdef BS1
    { "BS1", static_cast<long long>(BS1) },
#endif
#ifdef BSDLY
    { "BSDLY", static_cast<long long>(BSDLY) },
#endif
#ifdef CBAUD
    { "CBAUD", static_cast<long long>(CBAUD) },
#endif
#ifdef CBAUDEX
    { "CBAUDEX", static_cast<long long>(CBAUDEX) },
#endif
#ifdef CDSUSP
    { "CDSUSP", static_cast<long long>(CDSUSP) },
#endif
#ifdef CEOF
    { "CEOF", static_cast<long long>(CEOF) },
#endif
#ifdef CEOL
    { "CEOL", static_cast<long long>(CEOL) },
#endif
#ifdef CEOT
    { "CEOT", static_cast<long long>(CEOT) },
#endif
#ifdef CERASE
    { "CERASE", static_cast<long long>(CERASE) },
#endif
#ifdef CFLUSH
    { "CFLUSH", static_cast<long long>(CFLUSH) },
#endif
#ifdef CIBAUD
    { "CIBAUD", static_cast<long long>(CIBAUD) },
#endif
#ifdef CINTR
    { "CINTR", static_cast<long long>(CINTR) },
#endif
#ifdef CKILL
    { "CKILL", static_cast<long long>(CKILL) },
#endif
#ifdef CLNEXT
    { "CLNEXT", static_cast<long long>(CLNEXT) },
#endif
#ifdef CLOCAL
    { "CLOCAL", static_cast<long long>(CLOCAL) },
#endif
#ifdef CQUIT
    { "CQUIT", static_cast<long long>(CQUIT) },
#endif
#ifdef CR0
    { "CR0", static_cast<long long>(CR0) },
#endif
#ifdef CR1
    { "CR1", static_cast<long long>(CR1) },
#endif
#ifdef CR2
    { "CR2", static_cast<long long>(CR2) },
#endif
#ifdef CR3
    { "CR3", static_cast<long long>(CR3) },
#endif
#ifdef CRDLY
    { "CRDLY", static_cast<long long>(CRDLY) },
#endif
#ifdef CREAD
    { "CREAD", static_cast<long long>(CREAD) },
#endif
#ifdef CRPRNT
    { "CRPRNT", static_cast<long long>(CRPRNT) },
#endif
#ifdef CRTSCTS
    { "CRTSCTS", static_cast<long long>(CRTSCTS) },
#endif
#ifdef CS5
    { "CS5", static_cast<long long>(CS5) },
#endif
#ifdef CS6
    { "CS6", static_cast<long long>(CS6) },
#endif
#ifdef CS7
    { "CS7", static_cast<long long>(CS7) },
#endif
#ifdef CS8
    { "CS8", static_cast<long long>(CS8) },
#endif
#ifdef CSIZE
    { "CSIZE", static_cast<long long>(CSIZE) },
#endif
#ifdef CSTART
    { "CSTART", static_cast<long long>(CSTART) },
#endif
#ifdef CSTOP
    { "CSTOP", static_cast<long long>(CSTOP) },
#endif
#ifdef CSTOPB
    { "CSTOPB", static_cast<long long>(CSTOPB) },
#endif
#ifdef CSUSP
    { "CSUSP", static_cast<long long>(CSUSP) },
#endif
#ifdef CWERASE
    { "CWERASE", static_cast<long long>(CWERASE) },
#endif
#ifdef ECHO
    { "ECHO", static_cast<long long>(ECHO) },
#endif
#ifdef ECHOCTL
    { "ECHOCTL", static_cast<long long>(ECHOCTL) },
#endif
#ifdef ECHOE
    { "ECHOE", static_cast<long long>(ECHOE) },
#endif
#ifdef ECHOK
    { "ECHOK", static_cast<long long>(ECHOK) },
#endif
#ifdef ECHOKE
    { "ECHOKE", static_cast<long long>(ECHOKE) },
#endif
#ifdef ECHONL
    { "ECHONL", static_cast<long long>(ECHONL) },
#endif
#ifdef ECHOPRT
    { "ECHOPRT", static_cast<long long>(ECHOPRT) },
#endif
#ifdef EXTA
    { "EXTA", static_cast<long long>(EXTA) },
#endif
#ifdef EXTB
    { "EXTB", static_cast<long long>(EXTB) },
#endif
#ifdef FF0
    { "FF0", static_cast<long long>(FF0) },
#endif
#ifdef FF1
    { "FF1", static_cast<long long>(FF1) },
#endif
#ifdef FFDLY
    { "FFDLY", static_cast<long long>(FFDLY) },
#endif
#ifdef FIOASYNC
    { "FIOASYNC", static_cast<long long>(FIOASYNC) },
#endif
#ifdef FIOCLEX
    { "FIOCLEX", static_cast<long long>(FIOCLEX) },
#endif
#ifdef FIONBIO
    { "FIONBIO", static_cast<long long>(FIONBIO) },
#endif
#ifdef FIONCLEX
    { "FIONCLEX", static_cast<long long>(FIONCLEX) },
#endif
#ifdef FIONREAD
    { "FIONREAD", static_cast<long long>(FIONREAD) },
#endif
#ifdef FLUSHO
    { "FLUSHO", static_cast<long long>(FLUSHO) },
#endif
#ifdef HUPCL
    { "HUPCL", static_cast<long long>(HUPCL) },
#endif
#ifdef ICANON
    { "ICANON", static_cast<long long>(ICANON) },
#endif
#ifdef ICRNL
    { "ICRNL", static_cast<long long>(ICRNL) },
#endif
#ifdef IEXTEN
    { "IEXTEN", static_cast<long long>(IEXTEN) },
#endif
#ifdef IGNBRK
    { "IGNBRK", static_cast<long long>(IGNBRK) },
#endif
#ifdef IGNCR
    { "IGNCR", static_cast<long long>(IGNCR) },
#endif
#ifdef IGNPAR
    { "IGNPAR", static_cast<long long>(IGNPAR) },
#endif
#ifdef IMAXBEL
    { "IMAXBEL", static_cast<long long>(IMAXBEL) },
#endif
#ifdef INLCR
    { "INLCR", static_cast<long long>(INLCR) },
#endif
#ifdef INPCK
    { "INPCK", static_cast<long long>(INPCK) },
#endif
#ifdef IOCSIZE_MASK
    { "IOCSIZE_MASK", static_cast<long long>(IOCSIZE_MASK) },
#endif
#ifdef IOCSIZE_SHIFT
    { "IOCSIZE_SHIFT", static_cast<long long>(IOCSIZE_SHIFT) },
#endif
#ifdef ISIG
    { "ISIG", static_cast<long long>(ISIG) },
#endif
#ifdef ISTRIP
    { "ISTRIP", static_cast<long long>(ISTRIP) },
#endif
#ifdef IUCLC
    { "IUCLC", static_cast<long long>(IUCLC) },
#endif
#ifdef IXANY
    { "IXANY", static_cast<long long>(IXANY) },
#endif
#ifdef IXOFF
    { "IXOFF", static_cast<long long>(IXOFF) },
#endif
#ifdef IXON
    { "IXON", static_cast<long long>(IXON) },
#endif
#ifdef NCC
    { "NCC", static_cast<long long>(NCC) },
#endif
#ifdef NCCS
    { "NCCS", static_cast<long long>(NCCS) },
#endif
#ifdef NL0
    { "NL0", static_cast<long long>(NL0) },
#endif
#ifdef NL1
    { "NL1", static_cast<long long>(NL1) },
#endif
#ifdef NLDLY
    { "NLDLY", static_cast<long long>(NLDLY) },
#endif
#ifdef NOFLSH
    { "NOFLSH", static_cast<long long>(NOFLSH) },
#endif
#ifdef N_MOUSE
    { "N_MOUSE", static_cast<long long>(N_MOUSE) },
#endif
#ifdef N_PPP
    { "N_PPP", static_cast<long long>(N_PPP) },
#endif
#ifdef N_SLIP
    { "N_SLIP", static_cast<long long>(N_SLIP) },
#endif
#ifdef N_STRIP
    { "N_STRIP", static_cast<long long>(N_STRIP) },
#endif
#ifdef N_TTY
    { "N_TTY", static_cast<long long>(N_TTY) },
#endif
#ifdef OCRNL
    { "OCRNL", static_cast<long long>(OCRNL) },
#endif
#ifdef OFDEL
    { "OFDEL", static_cast<long long>(OFDEL) },
#endif
#ifdef OFILL
    { "OFILL", static_cast<long long>(OFILL) },
#endif
#ifdef OLCUC
    { "OLCUC", static_cast<long long>(OLCUC) },
#endif
#ifdef ONLCR
    { "ONLCR", static_cast<long long>(ONLCR) },
#endif
#ifdef ONLRET
    { "ONLRET", static_cast<long long>(ONLRET) },
#endif
#ifdef ONOCR
    { "ONOCR", static_cast<long long>(ONOCR) },
#endif
#ifdef OPOST
    { "OPOST", static_cast<long long>(OPOST) },
#endif
#ifdef PARENB
    { "PARENB", static_cast<long long>(PARENB) },
#endif
#ifdef PARMRK
    { "PARMRK", static_cast<long long>(PARMRK) },
#endif
#ifdef PARODD
    { "PARODD", static_cast<long long>(PARODD) },
#endif
#ifdef PENDIN
    { "PENDIN", static_cast<long long>(PENDIN) },
#endif
#ifdef TAB0
    { "TAB0", static_cast<long long>(TAB0) },
#endif
#ifdef TAB1
    { "TAB1", static_cast<long long>(TAB1) },
#endif
#ifdef TAB2
    { "TAB2", static_cast<long long>(TAB2) },
#endif
#ifdef TAB3
    { "TAB3", static_cast<long long>(TAB3) },
#endif
#ifdef TABDLY
    { "TABDLY", static_cast<long long>(TABDLY) },
#endif
#ifdef TCFLSH
    { "TCFLSH", static_cast<long long>(TCFLSH) },
#endif
#ifdef TCGETA
    { "TCGETA", static_cast<long long>(TCGETA) },
#endif
#ifdef TCGETS
    { "TCGETS", static_cast<long long>(TCGETS) },
#endif
#ifdef TCIFLUSH
    { "TCIFLUSH", static_cast<long long>(TCIFLUSH) },
#endif
#ifdef TCIOFF
    { "TCIOFF", static_cast<long long>(TCIOFF) },
#endif
#ifdef TCIOFLUSH
    { "TCIOFLUSH", static_cast<long long>(TCIOFLUSH) },
#endif
#ifdef TCION
    { "TCION", static_cast<long long>(TCION) },
#endif
#ifdef TCOFLUSH
    { "TCOFLUSH", static_cast<long long>(TCOFLUSH) },
#endif
#ifdef TCOOFF
    { "TCOOFF", static_cast<long long>(TCOOFF) },
#endif
#ifdef TCOON
    { "TCOON", static_cast<long long>(TCOON) },
#endif
#ifdef TCSADRAIN
    { "TCSADRAIN", static_cast<long long>(TCSADRAIN) },
#endif
#ifdef TCSAFLUSH
    { "TCSAFLUSH", static_cast<long long>(TCSAFLUSH) },
#endif
#ifdef TCSANOW
    { "TCSANOW", static_cast<long long>(TCSANOW) },
#endif
#ifdef TCSBRK
    { "TCSBRK", static_cast<long long>(TCSBRK) },
#endif
#ifdef TCSBRKP
    { "TCSBRKP", static_cast<long long>(TCSBRKP) },
#endif
#ifdef TCSETA
    { "TCSETA", static_cast<long long>(TCSETA) },
#endif
#ifdef TCSETAF
    { "TCSETAF", static_cast<long long>(TCSETAF) },
#endif
#ifdef TCSETAW
    { "TCSETAW", static_cast<long long>(TCSETAW) },
#endif
#ifdef TCSETS
    { "TCSETS", static_cast<long long>(TCSETS) },
#endif
#ifdef TCSETSF
    { "TCSETSF", static_cast<long long>(TCSETSF) },
#endif
#ifdef TCSETSW
    { "TCSETSW", static_cast<long long>(TCSETSW) },
#endif
#ifdef TCXONC
    { "TCXONC", static_cast<long long>(TCXONC) },
#endif
#ifdef TIOCCONS
    { "TIOCCONS", static_cast<long long>(TIOCCONS) },
#endif
#ifdef TIOCEXCL
    { "TIOCEXCL", static_cast<long long>(TIOCEXCL) },
#endif
#ifdef TIOCGETD
    { "TIOCGETD", static_cast<long long>(TIOCGETD) },
#endif
#ifdef TIOCGICOUNT
    { "TIOCGICOUNT", static_cast<long long>(TIOCGICOUNT) },
#endif
#ifdef TIOCGLCKTRMIOS
    { "TIOCGLCKTRMIOS", static_cast<long long>(TIOCGLCKTRMIOS) },
#endif
#ifdef TIOCGPGRP
    { "TIOCGPGRP", static_cast<long long>(TIOCGPGRP) },
#endif
#ifdef TIOCGSERIAL
    { "TIOCGSERIAL", static_cast<long long>(TIOCGSERIAL) },
#endif
#ifdef TIOCGSOFTCAR
    { "TIOCGSOFTCAR", static_cast<long long>(TIOCGSOFTCAR) },
#endif
#ifdef TIOCGWINSZ
    { "TIOCGWINSZ", static_cast<long long>(TIOCGWINSZ) },
#endif
#ifdef TIOCINQ
    { "TIOCINQ", static_cast<long long>(TIOCINQ) },
#endif
#ifdef TIOCLINUX
    { "TIOCLINUX", static_cast<long long>(TIOCLINUX) },
#endif
#ifdef TIOCMBIC
    { "TIOCMBIC", static_cast<long long>(TIOCMBIC) },
#endif
#ifdef TIOCMBIS
    { "TIOCMBIS", static_cast<long long>(TIOCMBIS) },
#endif
#ifdef TIOCMGET
    { "TIOCMGET", static_cast<long long>(TIOCMGET) },
#endif
#ifdef TIOCMIWAIT
    { "TIOCMIWAIT", static_cast<long long>(TIOCMIWAIT) },
#endif
#ifdef TIOCMSET
    { "TIOCMSET", static_cast<long long>(TIOCMSET) },
#endif
#ifdef TIOCM_CAR
    { "TIOCM_CAR", static_cast<long long>(TIOCM_CAR) },
#endif
#ifdef TIOCM_CD
    { "TIOCM_CD", static_cast<long long>(TIOCM_CD) },
#endif
#ifdef TIOCM_CTS
    { "TIOCM_CTS", static_cast<long long>(TIOCM_CTS) },
#endif
#ifdef TIOCM_DSR
    { "TIOCM_DSR", static_cast<long long>(TIOCM_DSR) },
#endif
#ifdef TIOCM_DTR
    { "TIOCM_DTR", static_cast<long long>(TIOCM_DTR) },
#endif
#ifdef TIOCM_LE
    { "TIOCM_LE", static_cast<long long>(TIOCM_LE) },
#endif
#ifdef TIOCM_RI
    { "TIOCM_RI", static_cast<long long>(TIOCM_RI) },
#endif
#ifdef TIOCM_RNG
    { "TIOCM_RNG", static_cast<long long>(TIOCM_RNG) },
#endif
#ifdef TIOCM_RTS
    { "TIOCM_RTS", static_cast<long long>(TIOCM_RTS) },
#endif
#ifdef TIOCM_SR
    { "TIOCM_SR", static_cast<long long>(TIOCM_SR) },
#endif
#ifdef TIOCM_ST
    { "TIOCM_ST", static_cast<long long>(TIOCM_ST) },
#endif
#ifdef TIOCNOTTY
    { "TIOCNOTTY", static_cast<long long>(TIOCNOTTY) },
#endif
#ifdef TIOCNXCL
    { "TIOCNXCL", static_cast<long long>(TIOCNXCL) },
#endif
#ifdef TIOCOUTQ
    { "TIOCOUTQ", static_cast<long long>(TIOCOUTQ) },
#endif
#ifdef TIOCPKT
    { "TIOCPKT", static_cast<long long>(TIOCPKT) },
#endif
#ifdef TIOCPKT_DATA
    { "TIOCPKT_DATA", static_cast<long long>(TIOCPKT_DATA) },
#endif
#ifdef TIOCPKT_DOSTOP
    { "TIOCPKT_DOSTOP", static_cast<long long>(TIOCPKT_DOSTOP) },
#endif
#ifdef TIOCPKT_FLUSHREAD
    { "TIOCPKT_FLUSHREAD", static_cast<long long>(TIOCPKT_FLUSHREAD) },
#endif
#ifdef TIOCPKT_FLUSHWRITE
    { "TIOCPKT_FLUSHWRITE", static_cast<long long>(TIOCPKT_FLUSHWRITE) },
#endif
#ifdef TIOCPKT_NOSTOP
    { "TIOCPKT_NOSTOP", static_cast<long long>(TIOCPKT_NOSTOP) },
#endif
#ifdef TIOCPKT_START
    { "TIOCPKT_START", static_cast<long long>(TIOCPKT_START) },
#endif
#ifdef TIOCPKT_STOP
    { "TIOCPKT_STOP", static_cast<long long>(TIOCPKT_STOP) },
#endif
#ifdef TIOCSCTTY
    { "TIOCSCTTY", static_cast<long long>(TIOCSCTTY) },
#endif
#ifdef TIOCSERCONFIG
    { "TIOCSERCONFIG", static_cast<long long>(TIOCSERCONFIG) },
#endif
#ifdef TIOCSERGETLSR
    { "TIOCSERGETLSR", static_cast<long long>(TIOCSERGETLSR) },
#endif
#ifdef TIOCSERGETMULTI
    { "TIOCSERGETMULTI", static_cast<long long>(TIOCSERGETMULTI) },
#endif
#ifdef TIOCSERGSTRUCT
    { "TIOCSERGSTRUCT", static_cast<long long>(TIOCSERGSTRUCT) },
#endif
#ifdef TIOCSERGWILD
    { "TIOCSERGWILD", static_cast<long long>(TIOCSERGWILD) },
#endif
#ifdef TIOCSERSETMULTI
    { "TIOCSERSETMULTI", static_cast<long long>(TIOCSERSETMULTI) },
#endif
#ifdef TIOCSERSWILD
    { "TIOCSERSWILD", static_cast<long long>(TIOCSERSWILD) },
#endif
#ifdef TIOCSER_TEMT
    { "TIOCSER_TEMT", static_cast<long long>(TIOCSER_TEMT) },
#endif
#ifdef TIOCSETD
    { "TIOCSETD", static_cast<long long>(TIOCSETD) },
#endif
#ifdef TIOCSLCKTRMIOS
    { "TIOCSLCKTRMIOS", static_cast<long long>(TIOCSLCKTRMIOS) },
#endif
#ifdef TIOCSPGRP
    { "TIOCSPGRP", static_cast<long long>(TIOCSPGRP) },
#endif
#ifdef TIOCSSERIAL
    { "TIOCSSERIAL", static_cast<long long>(TIOCSSERIAL) },
#endif
#ifdef TIOCSSOFTCAR
    { "TIOCSSOFTCAR", static_cast<long long>(TIOCSSOFTCAR) },
#endif
#ifdef TIOCSTI
    { "TIOCSTI", static_cast<long long>(TIOCSTI) },
#endif
#ifdef TIOCSWINSZ
    { "TIOCSWINSZ", static_cast<long long>(TIOCSWINSZ) },
#endif
#ifdef TOSTOP
    { "TOSTOP", static_cast<long long>(TOSTOP) },
#endif
#ifdef VDISCARD
    { "VDISCARD", static_cast<long long>(VDISCARD) },
#endif
#ifdef VEOF
    { "VEOF", static_cast<long long>(VEOF) },
#endif
#ifdef VEOL
    { "VEOL", static_cast<long long>(VEOL) },
#endif
#ifdef VEOL2
    { "VEOL2", static_cast<long long>(VEOL2) },
#endif
#ifdef VERASE
    { "VERASE", static_cast<long long>(VERASE) },
#endif
#ifdef VINTR
    { "VINTR", static_cast<long long>(VINTR) },
#endif
#ifdef VKILL
    { "VKILL", static_cast<long long>(VKILL) },
#endif
#ifdef VLNEXT
    { "VLNEXT", static_cast<long long>(VLNEXT) },
#endif
#ifdef VMIN
    { "VMIN", static_cast<long long>(VMIN) },
#endif
#ifdef VQUIT
    { "VQUIT", static_cast<long long>(VQUIT) },
#endif
#ifdef VREPRINT
    { "VREPRINT", static_cast<long long>(VREPRINT) },
#endif
#ifdef VSTART
    { "VSTART", static_cast<long long>(VSTART) },
#endif
#ifdef VSTOP
    { "VSTOP", static_cast<long long>(VSTOP) },
#endif
#ifdef VSUSP
    { "VSUSP", static_cast<long long>(VSUSP) },
#endif
#ifdef VSWTC
    { "VSWTC", static_cast<long long>(VSWTC) },
#endif
#ifdef VSWTCH
    { "VSWTCH", static_cast<long long>(VSWTCH) },
#elif defined(VSWTC)
    { "VSWTCH", static_cast<long long>(VSWTC) }, // glibc spells it VSWTC; CPython offers both
#endif
#ifdef VT0
    { "VT0", static_cast<long long>(VT0) },
#endif
#ifdef VT1
    { "VT1", static_cast<long long>(VT1) },
#endif
#ifdef VTDLY
    { "VTDLY", static_cast<long long>(VTDLY) },
#endif
#ifdef VTIME
    { "VTIME", static_cast<long long>(VTIME) },
#endif
#ifdef VWERASE
    { "VWERASE", static_cast<long long>(VWERASE) },
#endif
#ifdef XCASE
    { "XCASE", static_cast<long long>(XCASE) },
#endif
#ifdef XTABS
    { "XTABS", static_cast<long long>(XTABS) },
#endif
};

} // namespace

Module* make_termios_module(VM& vm)
{
    if (!g_termios_error) {
        g_termios_error = make_builtin_type(vm, "error", exc::Exception, exc::Exception->basicsize,
                                            TF_BASETYPE | TF_EXC_SUBCLASS, exc::Exception->trace, exc::Exception->finalize);
        set_native_type_module(vm, g_termios_error, "termios");
        finish_builtin_type(vm, g_termios_error);
    }
    Module* m = module_new(vm, "termios");
    module_add_functions(vm, m, {
        { "tcgetattr", t_tcgetattr }, { "tcsetattr", t_tcsetattr }, { "tcsendbreak", t_tcsendbreak },
        { "tcdrain", t_tcdrain }, { "tcflush", t_tcflush }, { "tcflow", t_tcflow },
        { "tcgetwinsize", t_tcgetwinsize }, { "tcsetwinsize", t_tcsetwinsize },
    });
    module_add(vm, m, "error", Value::from_object(g_termios_error));
    for (TermiosConstant const& c : kConstants)
        module_add(vm, m, c.name, int_from_i64(vm, int64_t(c.value)));
    return m;
}

} // namespace slpy
