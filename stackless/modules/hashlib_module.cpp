// The _hashlib module: a binding to OpenSSL's libcrypto (EVP digests and HMAC), which
// hashlib.py and hmac.py build on: new(name), the openssl_* constructors, HASH / HASHXOF
// / HMAC objects, pbkdf2_hmac, hmac_digest / hmac_new, compare_digest,
// openssl_md_meth_names and get_fips_mode, with CPython 3.11's names, results and errors.
// The OpenSSL contexts live outside the heap and are freed by the objects' finalizers.
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cctype>
#include <cstdio>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <string>

namespace slpy {

namespace {

TypeObject* g_hash_type = nullptr;
TypeObject* g_hashxof_type = nullptr;
TypeObject* g_hmac_type = nullptr;
TypeObject* g_unsupported = nullptr; // UnsupportedDigestmodError

// Python's names and OpenSSL's, as CPython's py_hashes table.
struct HashName {
    char const* py;
    char const* ossl;
};
constexpr HashName kHashNames[] = {
    { "md5", "MD5" }, { "sha1", "SHA1" }, { "sha224", "SHA224" }, { "sha256", "SHA256" }, { "sha384", "SHA384" },
    { "sha512", "SHA512" }, { "sha512_224", "SHA512-224" }, { "sha512_256", "SHA512-256" }, { "sha3_224", "SHA3-224" },
    { "sha3_256", "SHA3-256" }, { "sha3_384", "SHA3-384" }, { "sha3_512", "SHA3-512" }, { "shake_128", "SHAKE128" },
    { "shake_256", "SHAKE256" }, { "blake2s", "BLAKE2S-256" }, { "blake2b", "BLAKE2B-512" },
};
// Others OpenSSL has that openssl_md_meth_names lists.
constexpr char const* kOtherNames[] = { "md5-sha1", "ripemd160", "sm3" };

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Python's name of a digest: the table's, else OpenSSL's own in lower case.
std::string py_name_of(EVP_MD const* md)
{
    for (HashName const& h : kHashNames)
        if (EVP_MD_is_a(md, h.ossl))
            return h.py;
    return lower(EVP_MD_get0_name(md));
}

// CPython's _setException: "[library] reason" from OpenSSL's error queue.
Value raise_openssl(VM& vm, TypeObject* type, char const* fallback)
{
    unsigned long e = ERR_peek_last_error();
    ERR_clear_error();
    if (!e)
        return raise(vm, type, fallback);
    char const* lib = ERR_lib_error_string(e);
    char const* reason = ERR_reason_error_string(e);
    if (lib && reason)
        return raise_fmt(vm, type, "[%s] %s", lib, reason);
    if (reason)
        return raise(vm, type, reason);
    return raise(vm, type, fallback);
}

// The digest for a Python name (any case) or an OpenSSL name; null with
// UnsupportedDigestmodError pending. The caller frees it with EVP_MD_free.
EVP_MD* fetch_digest(VM& vm, std::string_view name)
{
    std::string n(name);
    std::string ln = lower(name);
    for (HashName const& h : kHashNames)
        if (ln == h.py) {
            n = h.ossl;
            break;
        }
    ERR_clear_error();
    EVP_MD* md = EVP_MD_fetch(nullptr, n.c_str(), nullptr);
    if (!md) {
        std::string msg = "unsupported hash type " + std::string(name);
        raise_openssl(vm, g_unsupported, msg.c_str());
    }
    return md;
}

bool is_xof(EVP_MD const* md) { return (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0; }

// Data to hash: bytes-like; a str is refused with CPython's words.
bool data_arg(VM& vm, Value v, std::string_view& out)
{
    if (get_bytes_like(v, out))
        return true;
    if (is_str(v))
        raise(vm, exc::TypeError, "Strings must be encoded before hashing");
    else
        raise(vm, exc::TypeError, "object supporting the buffer API required");
    return false;
}

std::string hex_of(std::string_view s)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    return out;
}

Value bytes_value(VM& vm, std::string_view s)
{
    Bytes* b = bytes_new(vm, s);
    return b ? Value::from_object(b) : Value::null();
}

// ------------------------------------------------------------------ HASH

struct Hash : Object {
    EVP_MD_CTX* ctx; // null only if creating it failed
};

void hash_finalize(Object* self)
{
    auto* h = static_cast<Hash*>(self);
    if (h->ctx)
        EVP_MD_CTX_free(h->ctx);
    h->ctx = nullptr;
}

Hash* self_hash(Value v) { return static_cast<Hash*>(v.as_object()); }

Value hash_new_object(VM& vm, EVP_MD const* md, std::string_view data)
{
    auto* h = vm.heap.make<Hash>(is_xof(md) ? g_hashxof_type : g_hash_type);
    if (!h)
        return Value::null();
    h->ctx = EVP_MD_CTX_new();
    if (!h->ctx)
        return raise_no_memory(vm);
    if (!EVP_DigestInit_ex(h->ctx, md, nullptr))
        return raise_openssl(vm, exc::ValueError, "digest initialization failed");
    if (!data.empty() && !EVP_DigestUpdate(h->ctx, data.data(), data.size()))
        return raise_openssl(vm, exc::ValueError, "digest update failed");
    return Value::from_object(h);
}

#define SLPY_H_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// new(name, string=b'', *, usedforsecurity=True); usedforsecurity is accepted and
// ignored (no FIPS restrictions here).
SLPY_H_FN(h_new)
{
    Value a[3];
    if (!parse_args(vm, "new", args, nargs, kwnames, { "name", "string", "usedforsecurity" }, 1, a))
        return Value::null();
    if (nargs > 2)
        return raise_fmt(vm, exc::TypeError, "new() takes at most 2 positional arguments (%zu given)", nargs);
    String* name = as_str(a[0]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "new() argument 'name' must be str, not %s", type_name(a[0]));
    std::string_view data;
    if (!a[1].is_null() && !data_arg(vm, a[1], data))
        return Value::null();
    EVP_MD* md = fetch_digest(vm, name->view());
    if (!md)
        return Value::null();
    Value r = hash_new_object(vm, md, data);
    EVP_MD_free(md);
    return r;
}

template<size_t I>
Value h_named(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    HashName const& hn = kHashNames[I];
    std::string fname = std::string("openssl_") + hn.py;
    Value a[2];
    if (!parse_args(vm, fname.c_str(), args, nargs, kwnames, { "string", "usedforsecurity" }, 0, a))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "%s() takes at most 1 positional argument (%zu given)", fname.c_str(), nargs);
    std::string_view data;
    if (!a[0].is_null() && !data_arg(vm, a[0], data))
        return Value::null();
    EVP_MD* md = fetch_digest(vm, hn.py);
    if (!md)
        return Value::null();
    Value r = hash_new_object(vm, md, data);
    EVP_MD_free(md);
    return r;
}

SLPY_H_FN(hash_update)
{
    if (!check_no_kwargs(vm, "update", kwnames) || !check_nargs(vm, "update", nargs - 1, 1, 1))
        return Value::null();
    std::string_view data;
    if (!data_arg(vm, args[1], data))
        return Value::null();
    if (!EVP_DigestUpdate(self_hash(args[0])->ctx, data.data(), data.size()))
        return raise_openssl(vm, exc::ValueError, "digest update failed");
    return py_none();
}

// The digest of a copy of the context (the object stays usable), `length` bytes for XOFs.
bool hash_final(VM& vm, Hash* h, size_t length, std::string& out)
{
    EVP_MD_CTX* copy = EVP_MD_CTX_new();
    if (!copy || !EVP_MD_CTX_copy_ex(copy, h->ctx)) {
        if (copy)
            EVP_MD_CTX_free(copy);
        raise_openssl(vm, exc::ValueError, "digest copy failed");
        return false;
    }
    bool ok;
    if (is_xof(EVP_MD_CTX_get0_md(h->ctx))) {
        out.assign(length, '\0');
        ok = length == 0 || EVP_DigestFinalXOF(copy, reinterpret_cast<unsigned char*>(out.data()), length);
    } else {
        unsigned char buf[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        ok = EVP_DigestFinal_ex(copy, buf, &n);
        out.assign(reinterpret_cast<char*>(buf), n);
    }
    EVP_MD_CTX_free(copy);
    if (!ok)
        raise_openssl(vm, exc::ValueError, "digest failed");
    return ok;
}

SLPY_H_FN(hash_digest)
{
    if (!check_noargs_method(vm, "HASH", "digest", nargs - 1, kwnames))
        return Value::null();
    std::string out;
    if (!hash_final(vm, self_hash(args[0]), 0, out))
        return Value::null();
    return bytes_value(vm, out);
}

SLPY_H_FN(hash_hexdigest)
{
    if (!check_noargs_method(vm, "HASH", "hexdigest", nargs - 1, kwnames))
        return Value::null();
    std::string out;
    if (!hash_final(vm, self_hash(args[0]), 0, out))
        return Value::null();
    return str_value(vm, hex_of(out));
}

bool xof_length(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames, size_t& length)
{
    Value a[1];
    if (!parse_args(vm, fname, args + 1, nargs - 1, kwnames, { "length" }, 1, a))
        return false;
    int64_t n;
    if (!index_i64(vm, a[0], n))
        return false;
    if (n < 0) {
        raise(vm, exc::ValueError, "length must be non-negative");
        return false;
    }
    if (n > (int64_t(1) << 30)) {
        raise_no_memory(vm);
        return false;
    }
    length = size_t(n);
    return true;
}

SLPY_H_FN(hashxof_digest)
{
    size_t n;
    std::string out;
    if (!xof_length(vm, "digest", args, nargs, kwnames, n) || !hash_final(vm, self_hash(args[0]), n, out))
        return Value::null();
    return bytes_value(vm, out);
}

SLPY_H_FN(hashxof_hexdigest)
{
    size_t n;
    std::string out;
    if (!xof_length(vm, "hexdigest", args, nargs, kwnames, n) || !hash_final(vm, self_hash(args[0]), n, out))
        return Value::null();
    return str_value(vm, hex_of(out));
}

SLPY_H_FN(hash_copy)
{
    if (!check_noargs_method(vm, "HASH", "copy", nargs - 1, kwnames))
        return Value::null();
    Hash* h = self_hash(args[0]);
    auto* c = vm.heap.make<Hash>(type_of(args[0]));
    if (!c)
        return Value::null();
    c->ctx = EVP_MD_CTX_new();
    if (!c->ctx)
        return raise_no_memory(vm);
    if (!EVP_MD_CTX_copy_ex(c->ctx, h->ctx))
        return raise_openssl(vm, exc::ValueError, "digest copy failed");
    return Value::from_object(c);
}

SLPY_H_FN(hash_name) { return str_value(vm, py_name_of(EVP_MD_CTX_get0_md(self_hash(args[0])->ctx))); }

SLPY_H_FN(hash_digest_size)
{
    EVP_MD const* md = EVP_MD_CTX_get0_md(self_hash(args[0])->ctx);
    return Value::small_int(is_xof(md) ? 0 : EVP_MD_get_size(md));
}

SLPY_H_FN(hash_block_size) { return Value::small_int(EVP_MD_get_block_size(EVP_MD_CTX_get0_md(self_hash(args[0])->ctx))); }

SLPY_H_FN(hash_repr)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, " _hashlib.HASH object @ %p>", static_cast<void*>(args[0].as_object()));
    return str_value(vm, "<" + py_name_of(EVP_MD_CTX_get0_md(self_hash(args[0])->ctx)) + buf);
}

// ------------------------------------------------------------------ HMAC

struct Hmac : Object {
    EVP_MAC_CTX* ctx;
    EVP_MD* md; // owned, for name / sizes
};

void hmac_finalize(Object* self)
{
    auto* h = static_cast<Hmac*>(self);
    if (h->ctx)
        EVP_MAC_CTX_free(h->ctx);
    if (h->md)
        EVP_MD_free(h->md);
    h->ctx = nullptr;
    h->md = nullptr;
}

Hmac* self_hmac(Value v) { return static_cast<Hmac*>(v.as_object()); }

// The digest name argument of the HMAC functions: a str (hmac.py passes names).
bool digestmod_arg(VM& vm, Value v, EVP_MD*& md)
{
    String* s = as_str(v);
    if (!s) {
        raise(vm, g_unsupported, "[digital envelope routines] unsupported");
        return false;
    }
    md = fetch_digest(vm, s->view());
    return md != nullptr;
}

SLPY_H_FN(h_hmac_new)
{
    Value a[3];
    if (!parse_args(vm, "hmac_new", args, nargs, kwnames, { "key", "msg", "digestmod" }, 1, a))
        return Value::null();
    std::string_view key, msg;
    if (!data_arg(vm, a[0], key))
        return Value::null();
    if (!a[1].is_null() && !data_arg(vm, a[1], msg))
        return Value::null();
    if (a[2].is_null() || is_none(a[2]))
        return raise(vm, exc::TypeError, "Missing required parameter 'digestmod'.");
    EVP_MD* md;
    if (!digestmod_arg(vm, a[2], md))
        return Value::null();
    auto* h = vm.heap.make<Hmac>(g_hmac_type);
    if (!h) {
        EVP_MD_free(md);
        return Value::null();
    }
    h->md = md;
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    h->ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
    if (mac)
        EVP_MAC_free(mac);
    if (!h->ctx)
        return raise_openssl(vm, exc::ValueError, "HMAC is not available");
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
        OSSL_PARAM_construct_end(),
    };
    if (!EVP_MAC_init(h->ctx, reinterpret_cast<unsigned char const*>(key.data()), key.size(), params))
        return raise_openssl(vm, g_unsupported, "unsupported hash type");
    if (!msg.empty() && !EVP_MAC_update(h->ctx, reinterpret_cast<unsigned char const*>(msg.data()), msg.size()))
        return raise_openssl(vm, exc::ValueError, "HMAC update failed");
    return Value::from_object(h);
}

SLPY_H_FN(hmac_update)
{
    Value a[1];
    if (!parse_args(vm, "update", args + 1, nargs - 1, kwnames, { "msg" }, 1, a))
        return Value::null();
    std::string_view msg;
    if (!data_arg(vm, a[0], msg))
        return Value::null();
    if (!EVP_MAC_update(self_hmac(args[0])->ctx, reinterpret_cast<unsigned char const*>(msg.data()), msg.size()))
        return raise_openssl(vm, exc::ValueError, "HMAC update failed");
    return py_none();
}

bool hmac_final(VM& vm, Hmac* h, std::string& out)
{
    EVP_MAC_CTX* copy = EVP_MAC_CTX_dup(h->ctx);
    if (!copy) {
        raise_openssl(vm, exc::ValueError, "HMAC copy failed");
        return false;
    }
    unsigned char buf[EVP_MAX_MD_SIZE];
    size_t n = 0;
    bool ok = EVP_MAC_final(copy, buf, &n, sizeof buf);
    EVP_MAC_CTX_free(copy);
    if (!ok) {
        raise_openssl(vm, exc::ValueError, "HMAC failed");
        return false;
    }
    out.assign(reinterpret_cast<char*>(buf), n);
    return true;
}

SLPY_H_FN(hmac_digest_m)
{
    if (!check_noargs_method(vm, "HMAC", "digest", nargs - 1, kwnames))
        return Value::null();
    std::string out;
    if (!hmac_final(vm, self_hmac(args[0]), out))
        return Value::null();
    return bytes_value(vm, out);
}

SLPY_H_FN(hmac_hexdigest)
{
    if (!check_noargs_method(vm, "HMAC", "hexdigest", nargs - 1, kwnames))
        return Value::null();
    std::string out;
    if (!hmac_final(vm, self_hmac(args[0]), out))
        return Value::null();
    return str_value(vm, hex_of(out));
}

SLPY_H_FN(hmac_copy)
{
    Hmac* h = self_hmac(args[0]);
    auto* c = vm.heap.make<Hmac>(g_hmac_type);
    if (!c)
        return Value::null();
    c->ctx = EVP_MAC_CTX_dup(h->ctx);
    if (!c->ctx)
        return raise_openssl(vm, exc::ValueError, "HMAC copy failed");
    EVP_MD_up_ref(h->md);
    c->md = h->md;
    return Value::from_object(c);
}

SLPY_H_FN(hmac_name) { return str_value(vm, "hmac-" + py_name_of(self_hmac(args[0])->md)); }
SLPY_H_FN(hmac_digest_size) { return Value::small_int(EVP_MD_get_size(self_hmac(args[0])->md)); }
SLPY_H_FN(hmac_block_size) { return Value::small_int(EVP_MD_get_block_size(self_hmac(args[0])->md)); }

SLPY_H_FN(hmac_repr)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, " HMAC object @ %p>", static_cast<void*>(args[0].as_object()));
    return str_value(vm, "<" + py_name_of(self_hmac(args[0])->md) + buf);
}

// hmac_digest(key, msg, digest): one shot.
SLPY_H_FN(h_hmac_digest)
{
    Value a[3];
    if (!parse_args(vm, "hmac_digest", args, nargs, kwnames, { "key", "msg", "digest" }, 3, a))
        return Value::null();
    std::string_view key, msg;
    if (!data_arg(vm, a[0], key) || !data_arg(vm, a[1], msg))
        return Value::null();
    EVP_MD* md;
    if (!digestmod_arg(vm, a[2], md))
        return Value::null();
    size_t n = 0;
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned char* r = EVP_Q_mac(nullptr, "HMAC", nullptr, EVP_MD_get0_name(md), nullptr, key.data(), key.size(),
                                 reinterpret_cast<unsigned char const*>(msg.data()), msg.size(), buf, sizeof buf, &n);
    EVP_MD_free(md);
    if (!r)
        return raise_openssl(vm, exc::ValueError, "HMAC failed");
    return bytes_value(vm, std::string_view(reinterpret_cast<char*>(buf), n));
}

// pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None)
SLPY_H_FN(h_pbkdf2_hmac)
{
    Value a[5];
    if (!parse_args(vm, "pbkdf2_hmac", args, nargs, kwnames, { "hash_name", "password", "salt", "iterations", "dklen" }, 4, a))
        return Value::null();
    String* name = as_str(a[0]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "pbkdf2_hmac() argument 'hash_name' must be str, not %s", type_name(a[0]));
    std::string_view password, salt;
    if (!get_bytes_like(a[1], password))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[1]));
    if (!get_bytes_like(a[2], salt))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[2]));
    int64_t iterations;
    if (!index_i64(vm, a[3], iterations))
        return Value::null();
    if (iterations < 1)
        return raise(vm, exc::ValueError, "iteration value must be greater than 0.");
    if (iterations > INT32_MAX)
        return raise(vm, exc::OverflowError, "iteration value is too great.");
    EVP_MD* md = fetch_digest(vm, name->view());
    if (!md)
        return Value::null();
    int64_t dklen = EVP_MD_get_size(md);
    if (!a[4].is_null() && !is_none(a[4]) && !index_i64(vm, a[4], dklen)) {
        EVP_MD_free(md);
        return Value::null();
    }
    if (dklen < 1) {
        EVP_MD_free(md);
        return raise(vm, exc::ValueError, "key length must be greater than 0.");
    }
    if (dklen > INT32_MAX) {
        EVP_MD_free(md);
        return raise(vm, exc::OverflowError, "key length is too great.");
    }
    std::string out(size_t(dklen), '\0');
    int ok = PKCS5_PBKDF2_HMAC(password.data(), int(password.size()), reinterpret_cast<unsigned char const*>(salt.data()),
                               int(salt.size()), int(iterations), md, int(dklen), reinterpret_cast<unsigned char*>(out.data()));
    EVP_MD_free(md);
    if (!ok)
        return raise_openssl(vm, exc::ValueError, "pbkdf2 failed");
    return bytes_value(vm, out);
}

// compare_digest(a, b): constant-time for equal lengths; ASCII str or bytes-like pairs.
SLPY_H_FN(h_compare_digest)
{
    if (!check_no_kwargs(vm, "compare_digest", kwnames) || !check_nargs(vm, "compare_digest", nargs, 2, 2))
        return Value::null();
    std::string_view x, y;
    String* sa = as_str(args[0]);
    String* sb = as_str(args[1]);
    if (sa && sb) {
        if (!sa->is_ascii() || !sb->is_ascii())
            return raise(vm, exc::TypeError, "comparing strings with non-ASCII characters is not supported");
        x = sa->view();
        y = sb->view();
    } else if (sa || sb || !get_bytes_like(args[0], x) || !get_bytes_like(args[1], y)) {
        if (!sa && !sb && get_bytes_like(args[0], x) && !get_bytes_like(args[1], y))
            return raise_fmt(vm, exc::TypeError, "unsupported operand types(s) or combination of types: '%s' and '%s'",
                             type_name(args[0]), type_name(args[1]));
        return raise_fmt(vm, exc::TypeError, "unsupported operand types(s) or combination of types: '%s' and '%s'",
                         type_name(args[0]), type_name(args[1]));
    }
    // Time depends on the length of b only, as CPython's _tscmp.
    unsigned char result = x.size() != y.size();
    std::string_view left = x.size() == y.size() ? x : y;
    for (size_t i = 0; i < y.size(); ++i)
        result |= static_cast<unsigned char>(left[i] ^ y[i]);
    return py_bool(result == 0);
}

SLPY_H_FN(h_get_fips_mode) { return Value::small_int(EVP_default_properties_is_fips_enabled(nullptr) ? 1 : 0); }

#undef SLPY_H_FN

void setup_types(VM& vm)
{
    if (g_hash_type)
        return;
    g_hash_type = make_builtin_type(vm, "HASH", nullptr, sizeof(Hash), 0, nullptr, hash_finalize);
    add_methods(vm, g_hash_type, {
        { "update", hash_update }, { "digest", hash_digest }, { "hexdigest", hash_hexdigest }, { "copy", hash_copy },
        { "__repr__", hash_repr },
    });
    add_getsets(vm, g_hash_type, { { "name", hash_name }, { "digest_size", hash_digest_size }, { "block_size", hash_block_size } });
    g_hashxof_type = make_builtin_type(vm, "HASHXOF", g_hash_type, sizeof(Hash), 0, nullptr, hash_finalize);
    add_methods(vm, g_hashxof_type, { { "digest", hashxof_digest }, { "hexdigest", hashxof_hexdigest } });
    g_hmac_type = make_builtin_type(vm, "HMAC", nullptr, sizeof(Hmac), 0, nullptr, hmac_finalize);
    add_methods(vm, g_hmac_type, {
        { "update", hmac_update }, { "digest", hmac_digest_m }, { "hexdigest", hmac_hexdigest }, { "copy", hmac_copy },
        { "__repr__", hmac_repr },
    });
    add_getsets(vm, g_hmac_type, { { "name", hmac_name }, { "digest_size", hmac_digest_size }, { "block_size", hmac_block_size } });
    g_unsupported = make_builtin_type(vm, "UnsupportedDigestmodError", exc::ValueError, exc::ValueError->basicsize,
                                      TF_BASETYPE | TF_EXC_SUBCLASS, exc::ValueError->trace, exc::ValueError->finalize);
    for (TypeObject* t : { g_hash_type, g_hashxof_type, g_hmac_type, g_unsupported }) {
        set_native_type_module(vm, t, "_hashlib");
        finish_builtin_type(vm, t);
    }
}

// _blake2.blake2b/blake2s over OpenSSL's BLAKE2B-512 / BLAKE2S-256. OpenSSL 3.0 offers
// BLAKE2 with its default parameters only, so a digest_size below the maximum, a key,
// salt, person or tree parameters raise NotImplementedError naming what is missing.
struct Blake2Info {
    char const* fname;
    char const* py; // kHashNames entry
    int64_t max_digest;
};
constexpr Blake2Info kBlake2b = { "blake2b", "blake2b", 64 };
constexpr Blake2Info kBlake2s = { "blake2s", "blake2s", 32 };

Value blake2_new(VM& vm, Blake2Info const& info, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[13];
    if (!parse_args(vm, info.fname, args, nargs, kwnames,
                    { "data", "digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size", "node_offset",
                      "node_depth", "inner_size", "last_node", "usedforsecurity" },
                    0, a, 1))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "%s() takes at most 1 positional argument (%zu given)", info.fname, nargs);
    std::string_view data;
    if (!a[0].is_null() && !data_arg(vm, a[0], data))
        return Value::null();
    if (!a[1].is_null()) {
        int64_t n;
        if (!a[1].is_int() || (n = a[1].as_int()) < 1 || n > info.max_digest)
            return raise_fmt(vm, exc::ValueError, "digest_size must be between 1 and %lld bytes", (long long)info.max_digest);
        if (n != info.max_digest)
            return raise_fmt(vm, exc::NotImplementedError,
                             "%s(digest_size=%lld): BLAKE2 with a digest size other than %lld is not implemented in slpy "
                             "(OpenSSL 3.0 offers the default parameters only)",
                             info.fname, (long long)n, (long long)info.max_digest);
    }
    // key, salt, person: empty bytes are the default; fanout/depth default 1; the rest 0/False.
    static constexpr char const* kParamNames[] = { "key", "salt", "person", "fanout", "depth", "leaf_size",
                                                   "node_offset", "node_depth", "inner_size", "last_node" };
    for (size_t i = 2; i <= 11; ++i) {
        Value v = a[i];
        if (v.is_null())
            continue;
        bool is_default;
        if (i <= 4) {
            std::string_view b;
            if (!data_arg(vm, v, b))
                return Value::null();
            is_default = b.empty();
        } else {
            int t = truthy(vm, v);
            if (t < 0)
                return Value::null();
            int64_t want = (i == 5 || i == 6) ? 1 : 0;
            is_default = v.is_int() ? v.as_int() == want : (i == 11 && !t);
        }
        if (!is_default)
            return raise_fmt(vm, exc::NotImplementedError,
                             "%s(%s=...): BLAKE2 keys, salts, personalization and tree parameters are not implemented in "
                             "slpy (OpenSSL 3.0 offers the default parameters only)",
                             info.fname, kParamNames[i - 2]);
    }
    EVP_MD* md = fetch_digest(vm, info.py);
    if (!md)
        return Value::null();
    Value r = hash_new_object(vm, md, data);
    EVP_MD_free(md);
    return r;
}

Value blake2b_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return blake2_new(vm, kBlake2b, args, nargs, kwnames); }
Value blake2s_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return blake2_new(vm, kBlake2s, args, nargs, kwnames); }

} // namespace

Module* make_blake2_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_blake2");
    module_add_functions(vm, m, { { "blake2b", blake2b_new }, { "blake2s", blake2s_new } });
    struct { char const* name; int64_t v; } constexpr kConstants[] = {
        { "BLAKE2B_SALT_SIZE", 16 }, { "BLAKE2B_PERSON_SIZE", 16 }, { "BLAKE2B_MAX_KEY_SIZE", 64 },
        { "BLAKE2B_MAX_DIGEST_SIZE", 64 }, { "BLAKE2S_SALT_SIZE", 8 }, { "BLAKE2S_PERSON_SIZE", 8 },
        { "BLAKE2S_MAX_KEY_SIZE", 32 }, { "BLAKE2S_MAX_DIGEST_SIZE", 32 },
    };
    for (auto const& c : kConstants)
        module_add(vm, m, c.name, Value::small_int(c.v));
    return m;
}

Module* make_hashlib_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_hashlib");
    module_add_functions(vm, m, {
        { "new", h_new }, { "hmac_new", h_hmac_new }, { "hmac_digest", h_hmac_digest }, { "pbkdf2_hmac", h_pbkdf2_hmac },
        { "compare_digest", h_compare_digest }, { "get_fips_mode", h_get_fips_mode },
        { "openssl_md5", h_named<0> }, { "openssl_sha1", h_named<1> }, { "openssl_sha224", h_named<2> },
        { "openssl_sha256", h_named<3> }, { "openssl_sha384", h_named<4> }, { "openssl_sha512", h_named<5> },
        { "openssl_sha3_224", h_named<8> }, { "openssl_sha3_256", h_named<9> }, { "openssl_sha3_384", h_named<10> },
        { "openssl_sha3_512", h_named<11> }, { "openssl_shake_128", h_named<12> }, { "openssl_shake_256", h_named<13> },
    });
    module_add(vm, m, "HASH", Value::from_object(g_hash_type));
    module_add(vm, m, "HASHXOF", Value::from_object(g_hashxof_type));
    module_add(vm, m, "HMAC", Value::from_object(g_hmac_type));
    module_add(vm, m, "UnsupportedDigestmodError", Value::from_object(g_unsupported));
    // The shared runtime loads this module once only to make its types (at every start of
    // slpy), and its module object is thrown away: asking OpenSSL for its digests there
    // (the first fetch loads OpenSSL's providers) would cost each start-up more than the
    // rest of it. A VM's own import below lists them.
    if (vm.builds_shared_runtime)
        return m;
    // The digests this OpenSSL has, by Python's names.
    Value names_set = call0(vm, Value::from_object(types.set));
    String* add = intern(vm, "add");
    auto offer = [&](char const* py) {
        EVP_MD* md = fetch_digest(vm, py);
        if (!md) {
            vm.clear_error();
            return;
        }
        EVP_MD_free(md);
        Value n = str_value(vm, py);
        (void)call_method(vm, names_set, add, &n, 1);
    };
    for (HashName const& h : kHashNames)
        offer(h.py);
    for (char const* other : kOtherNames)
        offer(other);
    module_add(vm, m, "openssl_md_meth_names", call1(vm, Value::from_object(types.frozenset), names_set));
    // {constructor: name} for the openssl_* functions, as hashlib.py reads it.
    Dict* ctors = dict_new(vm);
    for (HashName const& h : kHashNames) {
        String* fname = intern(vm, std::string("openssl_") + h.py);
        Value f = dict_get_str(vm, m->dict, fname);
        if (!f.is_null() && !f.is_not_found())
            (void)dict_set(vm, ctors, f, str_value(vm, h.py));
    }
    module_add(vm, m, "_constructors", make_mappingproxy(vm, Value::from_object(ctors)));
    return m;
}

} // namespace slpy
