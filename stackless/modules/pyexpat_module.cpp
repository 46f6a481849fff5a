// The pyexpat module: a binding to the system libexpat (Debian libexpat1-dev) as far as
// xml.parsers.expat, xml.etree.ElementTree, xml.dom.minidom and xml.sax use it:
// ParserCreate, the xmlparser type (Parse, ParseFile, the handler attributes, buffer_text,
// ordered_attributes, specified_attributes, namespace_prefixes, intern, the position and
// error attributes), ErrorString, ExpatError and the errors/model submodules, with
// CPython 3.11's conversions and messages.
//
// A handler that raises stops the parse (XML_StopParser) and the exception propagates
// out of Parse. The module's types are per-VM state.
#include "stackless/modules/native_support.h"
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"

#include <expat.h>
#include <string>

namespace slpy {

namespace {

char const kExpatStateKey = 0;

struct ExpatState : VM::ModuleState {
    explicit ExpatState(VM&) {}
    TypeObject* error = nullptr;
    TypeObject* parser_type = nullptr;
    void trace(Tracer& t) override
    {
        t.visit(error);
        t.visit(parser_type);
    }
};

ExpatState& expat_state(VM& vm) { return module_state<ExpatState>(vm, &kExpatStateKey); }

// The handler attributes, in CPython's order.
enum Handler : int {
    StartElement, EndElement, ProcessingInstruction, CharacterData, UnparsedEntityDecl, NotationDecl,
    StartNamespaceDecl, EndNamespaceDecl, Comment, StartCdataSection, EndCdataSection, Default, DefaultExpand,
    NotStandalone, ExternalEntityRef, StartDoctypeDecl, EndDoctypeDecl, EntityDecl, XmlDecl, ElementDecl,
    AttlistDecl, SkippedEntity, kHandlerCount
};
char const* const kHandlerNames[kHandlerCount] = {
    "StartElementHandler", "EndElementHandler", "ProcessingInstructionHandler", "CharacterDataHandler",
    "UnparsedEntityDeclHandler", "NotationDeclHandler", "StartNamespaceDeclHandler", "EndNamespaceDeclHandler",
    "CommentHandler", "StartCdataSectionHandler", "EndCdataSectionHandler", "DefaultHandler", "DefaultHandlerExpand",
    "NotStandaloneHandler", "ExternalEntityRefHandler", "StartDoctypeDeclHandler", "EndDoctypeDeclHandler",
    "EntityDeclHandler", "XmlDeclHandler", "ElementDeclHandler", "AttlistDeclHandler", "SkippedEntityHandler",
};

struct XmlParser : Object {
    XML_Parser parser;     // expat's, freed by the finalizer
    std::string* buffer;   // malloc'd character data buffer; null when buffer_text is off
    VM* vm;                // for the callbacks (expat's user data is the parser object)
    ValueArray* handlers;  // kHandlerCount handlers (None when unset)
    Value intern;          // a dict or None
    int64_t buffer_size;
    bool ordered_attributes;
    bool specified_attributes;
    bool namespace_prefixes;
    bool failed; // a handler raised: the parse is being stopped
};

void parser_trace(Object* self, Tracer& t)
{
    auto* p = static_cast<XmlParser*>(self);
    t.visit(p->handlers);
    t.visit(p->intern);
}

void parser_finalize(Object* self)
{
    auto* p = static_cast<XmlParser*>(self);
    if (p->parser)
        XML_ParserFree(p->parser);
    p->parser = nullptr;
    delete p->buffer;
    p->buffer = nullptr;
}

XmlParser* self_parser(Value v) { return static_cast<XmlParser*>(v.as_object()); }

#define SLPY_X_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ conversions

Value text_value(VM& vm, XML_Char const* s, int len = -1)
{
    if (!s)
        return py_none();
    std::string_view v = len < 0 ? std::string_view(s) : std::string_view(s, size_t(len));
    return str_value(vm, v);
}

// A name through the intern dict (CPython's string_intern).
Value name_value(VM& vm, XmlParser* p, XML_Char const* s)
{
    Value v = text_value(vm, s);
    if (v.is_null() || is_none(v) || is_none(p->intern))
        return v;
    return dict_setdefault(vm, as_dict(p->intern), v, v);
}

// ------------------------------------------------------------------ callbacks

Value handler(XmlParser* p, Handler h)
{
    Value v = p->handlers->items[h];
    return is_none(v) ? Value::null() : v;
}

// Marks the parse as failed after a handler raised (the exception stays pending).
void fail(XmlParser* p)
{
    if (!p->failed) {
        p->failed = true;
        XML_StopParser(p->parser, XML_FALSE);
    }
}

bool call_handler(XmlParser* p, Handler h, std::initializer_list<Value> argv, Value* result = nullptr)
{
    VM& vm = *p->vm;
    for (Value a : argv)
        if (a.is_null()) {
            fail(p);
            return false;
        }
    Value fn = handler(p, h);
    if (fn.is_null())
        return true;
    Value r = call(vm, fn, argv.begin(), argv.size());
    if (r.is_null()) {
        fail(p);
        return false;
    }
    if (result)
        *result = r;
    return true;
}

bool flush_buffer(XmlParser* p)
{
    if (!p->buffer || p->buffer->empty())
        return true;
    std::string data;
    data.swap(*p->buffer);
    if (!handler(p, CharacterData).is_null() && !p->failed)
        return call_handler(p, CharacterData, { str_value(*p->vm, data) });
    return true;
}

// The prologue of each callback: false when the parse failed already or no handler is
// set; otherwise flushes buffered character data first.
bool enter(XmlParser* p, Handler h)
{
    if (p->failed || handler(p, h).is_null())
        return false;
    return flush_buffer(p);
}

XmlParser* from(void* ud) { return static_cast<XmlParser*>(ud); }

void on_start_element(void* ud, XML_Char const* name, XML_Char const** atts)
{
    XmlParser* p = from(ud);
    if (!enter(p, StartElement))
        return;
    VM& vm = *p->vm;
    int max = 0;
    if (p->specified_attributes)
        max = XML_GetSpecifiedAttributeCount(p->parser);
    else
        while (atts[max])
            ++max;
    Value attrs;
    if (p->ordered_attributes) {
        List* l = list_new(vm, size_t(max));
        if (!l)
            return fail(p);
        for (int i = 0; i < max; i += 2) {
            if (!list_append(vm, l, name_value(vm, p, atts[i])) || !list_append(vm, l, text_value(vm, atts[i + 1])))
                return fail(p);
        }
        attrs = Value::from_object(l);
    } else {
        Dict* d = dict_new(vm);
        if (!d)
            return fail(p);
        for (int i = 0; i < max; i += 2) {
            Value k = name_value(vm, p, atts[i]);
            Value v = text_value(vm, atts[i + 1]);
            if (k.is_null() || v.is_null() || !dict_set(vm, d, k, v))
                return fail(p);
        }
        attrs = Value::from_object(d);
    }
    call_handler(p, StartElement, { name_value(vm, p, name), attrs });
}

void on_end_element(void* ud, XML_Char const* name)
{
    XmlParser* p = from(ud);
    if (enter(p, EndElement))
        call_handler(p, EndElement, { name_value(*p->vm, p, name) });
}

void on_pi(void* ud, XML_Char const* target, XML_Char const* data)
{
    XmlParser* p = from(ud);
    if (enter(p, ProcessingInstruction))
        call_handler(p, ProcessingInstruction, { name_value(*p->vm, p, target), text_value(*p->vm, data) });
}

void on_character_data(void* ud, XML_Char const* s, int len)
{
    XmlParser* p = from(ud);
    if (p->failed || handler(p, CharacterData).is_null())
        return;
    if (!p->buffer) {
        call_handler(p, CharacterData, { text_value(*p->vm, s, len) });
        return;
    }
    // CPython's buffering: flush when the data would not fit; data longer than the
    // buffer goes to the handler at once.
    if (int64_t(p->buffer->size()) + len > p->buffer_size) {
        if (!flush_buffer(p) || handler(p, CharacterData).is_null())
            return;
    }
    if (len > p->buffer_size)
        call_handler(p, CharacterData, { text_value(*p->vm, s, len) });
    else
        p->buffer->append(s, size_t(len));
}

void on_unparsed_entity_decl(void* ud, XML_Char const* name, XML_Char const* base, XML_Char const* sys,
                             XML_Char const* pub, XML_Char const* notation)
{
    XmlParser* p = from(ud);
    VM& vm = *p->vm;
    if (enter(p, UnparsedEntityDecl))
        call_handler(p, UnparsedEntityDecl, { name_value(vm, p, name), name_value(vm, p, base), name_value(vm, p, sys),
                                              name_value(vm, p, pub), name_value(vm, p, notation) });
}

void on_notation_decl(void* ud, XML_Char const* name, XML_Char const* base, XML_Char const* sys, XML_Char const* pub)
{
    XmlParser* p = from(ud);
    VM& vm = *p->vm;
    if (enter(p, NotationDecl))
        call_handler(p, NotationDecl, { name_value(vm, p, name), name_value(vm, p, base), name_value(vm, p, sys),
                                        name_value(vm, p, pub) });
}

void on_start_ns(void* ud, XML_Char const* prefix, XML_Char const* uri)
{
    XmlParser* p = from(ud);
    if (enter(p, StartNamespaceDecl))
        call_handler(p, StartNamespaceDecl, { name_value(*p->vm, p, prefix), name_value(*p->vm, p, uri) });
}

void on_end_ns(void* ud, XML_Char const* prefix)
{
    XmlParser* p = from(ud);
    if (enter(p, EndNamespaceDecl))
        call_handler(p, EndNamespaceDecl, { name_value(*p->vm, p, prefix) });
}

void on_comment(void* ud, XML_Char const* data)
{
    XmlParser* p = from(ud);
    if (enter(p, Comment))
        call_handler(p, Comment, { text_value(*p->vm, data) });
}

void on_start_cdata(void* ud)
{
    XmlParser* p = from(ud);
    if (enter(p, StartCdataSection))
        call_handler(p, StartCdataSection, {});
}

void on_end_cdata(void* ud)
{
    XmlParser* p = from(ud);
    if (enter(p, EndCdataSection))
        call_handler(p, EndCdataSection, {});
}

void on_default(void* ud, XML_Char const* s, int len)
{
    XmlParser* p = from(ud);
    if (enter(p, Default))
        call_handler(p, Default, { text_value(*p->vm, s, len) });
}

void on_default_expand(void* ud, XML_Char const* s, int len)
{
    XmlParser* p = from(ud);
    if (enter(p, DefaultExpand))
        call_handler(p, DefaultExpand, { text_value(*p->vm, s, len) });
}

int on_not_standalone(void* ud)
{
    XmlParser* p = from(ud);
    if (!enter(p, NotStandalone))
        return 0;
    Value r;
    if (!call_handler(p, NotStandalone, {}, &r))
        return 0;
    int64_t v = 0;
    if (!is_int(r) || !int_to_i64(int_unwrap(r), v))
        return 0;
    return int(v);
}

int on_external_entity_ref(XML_Parser, XML_Char const* context, XML_Char const* base, XML_Char const* sys,
                           XML_Char const* pub);

void on_start_doctype(void* ud, XML_Char const* name, XML_Char const* sys, XML_Char const* pub, int internal)
{
    XmlParser* p = from(ud);
    VM& vm = *p->vm;
    if (enter(p, StartDoctypeDecl))
        call_handler(p, StartDoctypeDecl, { name_value(vm, p, name), name_value(vm, p, sys), name_value(vm, p, pub),
                                            Value::small_int(internal) });
}

void on_end_doctype(void* ud)
{
    XmlParser* p = from(ud);
    if (enter(p, EndDoctypeDecl))
        call_handler(p, EndDoctypeDecl, {});
}

void on_entity_decl(void* ud, XML_Char const* name, int is_pe, XML_Char const* value, int value_len,
                    XML_Char const* base, XML_Char const* sys, XML_Char const* pub, XML_Char const* notation)
{
    XmlParser* p = from(ud);
    VM& vm = *p->vm;
    if (enter(p, EntityDecl))
        call_handler(p, EntityDecl, { name_value(vm, p, name), Value::small_int(is_pe),
                                      value ? text_value(vm, value, value_len) : py_none(), name_value(vm, p, base),
                                      name_value(vm, p, sys), name_value(vm, p, pub), name_value(vm, p, notation) });
}

void on_xml_decl(void* ud, XML_Char const* version, XML_Char const* encoding, int standalone)
{
    XmlParser* p = from(ud);
    VM& vm = *p->vm;
    if (enter(p, XmlDecl))
        call_handler(p, XmlDecl, { text_value(vm, version), text_value(vm, encoding), Value::small_int(standalone) });
}

// An element content model as CPython builds it: (type, quant, name, children).
Value model_value(VM& vm, XmlParser* p, XML_Content const* m)
{
    Tuple* children = tuple_new(vm, m->numchildren);
    if (!children)
        return Value::null();
    for (unsigned i = 0; i < m->numchildren; ++i) {
        Value c = TRY(model_value(vm, p, &m->children[i]));
        children->items[i] = c;
    }
    Value name = TRY(name_value(vm, p, m->name));
    return Value::from_object(tuple_pack(vm, { Value::small_int(m->type), Value::small_int(m->quant), name,
                                               Value::from_object(children) }));
}

void on_element_decl(void* ud, XML_Char const* name, XML_Content* model)
{
    XmlParser* p = from(ud);
    VM& vm = *p->vm;
    if (enter(p, ElementDecl)) {
        Value m = model_value(vm, p, model);
        call_handler(p, ElementDecl, { name_value(vm, p, name), m });
    }
    XML_FreeContentModel(p->parser, model);
}

void on_attlist_decl(void* ud, XML_Char const* elname, XML_Char const* attname, XML_Char const* att_type,
                     XML_Char const* dflt, int required)
{
    XmlParser* p = from(ud);
    VM& vm = *p->vm;
    if (enter(p, AttlistDecl))
        call_handler(p, AttlistDecl, { name_value(vm, p, elname), name_value(vm, p, attname), name_value(vm, p, att_type),
                                       name_value(vm, p, dflt), Value::small_int(required) });
}

void on_skipped_entity(void* ud, XML_Char const* name, int is_pe)
{
    XmlParser* p = from(ud);
    if (enter(p, SkippedEntity))
        call_handler(p, SkippedEntity, { name_value(*p->vm, p, name), Value::small_int(is_pe) });
}

int on_external_entity_ref(XML_Parser parser, XML_Char const* context, XML_Char const* base, XML_Char const* sys,
                           XML_Char const* pub)
{
    XmlParser* p = from(XML_GetUserData(parser));
    if (!enter(p, ExternalEntityRef))
        return 0;
    VM& vm = *p->vm;
    Value r;
    if (!call_handler(p, ExternalEntityRef, { text_value(vm, context), name_value(vm, p, base), name_value(vm, p, sys),
                                              name_value(vm, p, pub) },
                      &r))
        return 0;
    int t = truthy(vm, r);
    if (t < 0) {
        fail(p);
        return 0;
    }
    if (is_none(r))
        return 0;
    int64_t v = 0;
    if (is_int(r))
        (void)int_to_i64(int_unwrap(r), v);
    return int(v);
}

// Installs or removes expat's callback for handler h.
void install(XmlParser* p, int h, bool on)
{
    XML_Parser x = p->parser;
    switch (h) {
    case StartElement: XML_SetStartElementHandler(x, on ? on_start_element : nullptr); break;
    case EndElement: XML_SetEndElementHandler(x, on ? on_end_element : nullptr); break;
    case ProcessingInstruction: XML_SetProcessingInstructionHandler(x, on ? on_pi : nullptr); break;
    case CharacterData: XML_SetCharacterDataHandler(x, on ? on_character_data : nullptr); break;
    case UnparsedEntityDecl: XML_SetUnparsedEntityDeclHandler(x, on ? on_unparsed_entity_decl : nullptr); break;
    case NotationDecl: XML_SetNotationDeclHandler(x, on ? on_notation_decl : nullptr); break;
    case StartNamespaceDecl: XML_SetStartNamespaceDeclHandler(x, on ? on_start_ns : nullptr); break;
    case EndNamespaceDecl: XML_SetEndNamespaceDeclHandler(x, on ? on_end_ns : nullptr); break;
    case Comment: XML_SetCommentHandler(x, on ? on_comment : nullptr); break;
    case StartCdataSection: XML_SetStartCdataSectionHandler(x, on ? on_start_cdata : nullptr); break;
    case EndCdataSection: XML_SetEndCdataSectionHandler(x, on ? on_end_cdata : nullptr); break;
    case Default: XML_SetDefaultHandler(x, on ? on_default : nullptr); break;
    case DefaultExpand: XML_SetDefaultHandlerExpand(x, on ? on_default_expand : nullptr); break;
    case NotStandalone: XML_SetNotStandaloneHandler(x, on ? on_not_standalone : nullptr); break;
    case ExternalEntityRef: XML_SetExternalEntityRefHandler(x, on ? on_external_entity_ref : nullptr); break;
    case StartDoctypeDecl: XML_SetStartDoctypeDeclHandler(x, on ? on_start_doctype : nullptr); break;
    case EndDoctypeDecl: XML_SetEndDoctypeDeclHandler(x, on ? on_end_doctype : nullptr); break;
    case EntityDecl: XML_SetEntityDeclHandler(x, on ? on_entity_decl : nullptr); break;
    case XmlDecl: XML_SetXmlDeclHandler(x, on ? on_xml_decl : nullptr); break;
    case ElementDecl: XML_SetElementDeclHandler(x, on ? on_element_decl : nullptr); break;
    case AttlistDecl: XML_SetAttlistDeclHandler(x, on ? on_attlist_decl : nullptr); break;
    case SkippedEntity: XML_SetSkippedEntityHandler(x, on ? on_skipped_entity : nullptr); break;
    default: break;
    }
}

// ------------------------------------------------------------------ parsing

// ExpatError("<message>: line L, column C") with code, lineno and offset.
Value raise_expat_error(VM& vm, XmlParser* p)
{
    ExpatState& st = expat_state(vm);
    XML_Error code = XML_GetErrorCode(p->parser);
    long line = long(XML_GetErrorLineNumber(p->parser));
    long column = long(XML_GetErrorColumnNumber(p->parser));
    char const* msg = XML_ErrorString(code);
    std::string text = std::string(msg ? msg : "") + ": line " + std::to_string(line) + ", column " + std::to_string(column);
    Value e = TRY(call1(vm, Value::from_object(st.error), TRY(str_value(vm, text))));
    if (!setattr(vm, e, intern(vm, "code"), Value::small_int(code)) || !setattr(vm, e, intern(vm, "offset"), Value::small_int(column))
        || !setattr(vm, e, intern(vm, "lineno"), Value::small_int(line)))
        return Value::null();
    return vm.set_error(e);
}

// CPython's get_parse_result.
Value parse_result(VM& vm, XmlParser* p, int rc)
{
    if (p->failed || vm.has_error()) {
        // Later parses of this parser see its handlers as they are, and the abort is over.
        p->failed = false;
        return Value::null();
    }
    if (rc == 0)
        return raise_expat_error(vm, p);
    if (!flush_buffer(p)) {
        p->failed = false;
        return Value::null();
    }
    return Value::small_int(rc);
}

// Parse(data, isfinal=False, /)
SLPY_X_FN(parser_parse)
{
    if (!check_no_kwargs(vm, "Parse", kwnames) || !check_nargs(vm, "Parse", nargs - 1, 1, 2))
        return Value::null();
    XmlParser* p = self_parser(args[0]);
    int isfinal = 0;
    if (nargs > 2) {
        int64_t v;
        if (!index_i64(vm, args[2], v))
            return Value::null();
        isfinal = v != 0;
    }
    std::string_view data;
    if (String* s = as_str(args[1])) {
        data = s->view();
        (void)XML_SetEncoding(p->parser, "utf-8");
    } else if (!get_bytes_like(args[1], data)) {
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(args[1]));
    }
    // Keep the argument (and so the bytes the view points into) reachable.
    Value keep = args[1];
    constexpr size_t kMaxChunk = 1u << 20;
    int rc = 1;
    while (data.size() > kMaxChunk) {
        rc = XML_Parse(p->parser, data.data(), int(kMaxChunk), 0);
        if (!rc)
            break;
        data.remove_prefix(kMaxChunk);
    }
    if (rc)
        rc = XML_Parse(p->parser, data.data(), int(data.size()), isfinal);
    (void)keep;
    return parse_result(vm, p, rc);
}

// ParseFile(file, /): reads file.read(2048) until it returns b''.
SLPY_X_FN(parser_parsefile)
{
    if (!check_no_kwargs(vm, "ParseFile", kwnames) || !check_nargs(vm, "ParseFile", nargs - 1, 1, 1))
        return Value::null();
    XmlParser* p = self_parser(args[0]);
    Value read = getattr_opt(vm, args[1], intern(vm, "read"));
    if (read.is_null())
        return read;
    if (read.is_not_found())
        return raise(vm, exc::TypeError, "argument must have 'read' attribute");
    constexpr int kBufSize = 2048;
    for (;;) {
        Value chunk = TRY(call1(vm, read, Value::small_int(kBufSize)));
        std::string_view data;
        if (!as_bytes(chunk) || !get_bytes_like(chunk, data))
            return raise_fmt(vm, exc::TypeError, "read() did not return a bytes object (type=%.400s)", type_name(chunk));
        if (data.size() > size_t(kBufSize))
            return raise_fmt(vm, exc::ValueError, "read() returned too much data: %i bytes requested, %zu returned",
                             kBufSize, data.size());
        int rc = XML_Parse(p->parser, data.data(), int(data.size()), data.empty());
        if (!rc || p->failed || vm.has_error())
            return parse_result(vm, p, rc);
        if (data.empty())
            return parse_result(vm, p, rc);
    }
}

SLPY_X_FN(parser_set_base)
{
    if (!check_nargs(vm, "SetBase", nargs - 1, 1, 1))
        return Value::null();
    String* s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "SetBase() argument must be str, not %.50s", type_name(args[1]));
    if (!XML_SetBase(self_parser(args[0])->parser, s->c_str()))
        return raise_no_memory(vm);
    return py_none();
}

SLPY_X_FN(parser_get_base) { return text_value(vm, XML_GetBase(self_parser(args[0])->parser)); }

SLPY_X_FN(parser_set_param_entity_parsing)
{
    if (!check_nargs(vm, "SetParamEntityParsing", nargs - 1, 1, 1))
        return Value::null();
    int64_t flag;
    if (!index_i64(vm, args[1], flag))
        return Value::null();
    return Value::small_int(XML_SetParamEntityParsing(self_parser(args[0])->parser, XML_ParamEntityParsing(flag)));
}

SLPY_X_FN(parser_use_foreign_dtd)
{
    if (!check_nargs(vm, "UseForeignDTD", nargs - 1, 0, 1))
        return Value::null();
    bool flag = true;
    if (nargs > 1) {
        int t = truthy(vm, args[1]);
        if (t < 0)
            return Value::null();
        flag = t;
    }
    XML_Error rc = XML_UseForeignDTD(self_parser(args[0])->parser, flag ? XML_TRUE : XML_FALSE);
    if (rc != XML_ERROR_NONE)
        return raise_expat_error(vm, self_parser(args[0]));
    return py_none();
}

SLPY_X_FN(parser_get_input_context)
{
    XmlParser* p = self_parser(args[0]);
    int offset = 0, size = 0;
    char const* buf = XML_GetInputContext(p->parser, &offset, &size);
    if (!buf)
        return py_none();
    Bytes* b = bytes_new(vm, std::string_view(buf + offset, size_t(size - offset)));
    return b ? Value::from_object(b) : Value::null();
}

SLPY_X_FN(parser_external_entity_parser_create)
{
    return raise(vm, exc::NotImplementedError, "pyexpat: ExternalEntityParserCreate is not supported by slpy yet");
}

// ---- attributes

template<int H>
SLPY_X_FN(get_handler)
{
    return self_parser(args[0])->handlers->items[H];
}

template<int H>
SLPY_X_FN(set_handler)
{
    XmlParser* p = self_parser(args[0]);
    Value v = nargs > 1 && !args[1].is_null() ? args[1] : py_none();
    if (H == CharacterData && !flush_buffer(p))
        return Value::null();
    p->handlers->items[H] = v;
    install(p, H, !is_none(v));
    return py_none();
}

template<int... I>
void add_handler_getsets(VM& vm, TypeObject* t, std::integer_sequence<int, I...>)
{
    add_getsets(vm, t, { GetSetDef { kHandlerNames[I], get_handler<I>, set_handler<I> }... });
}

bool bool_setting(VM& vm, Value const* args, size_t nargs, bool& out)
{
    if (nargs < 2 || args[1].is_null()) {
        raise(vm, exc::AttributeError, "cannot delete attribute");
        return false;
    }
    int t = truthy(vm, args[1]);
    if (t < 0)
        return false;
    out = t;
    return true;
}

SLPY_X_FN(get_buffer_text) { return py_bool(self_parser(args[0])->buffer != nullptr); }
SLPY_X_FN(set_buffer_text)
{
    XmlParser* p = self_parser(args[0]);
    bool on;
    if (!bool_setting(vm, args, nargs, on))
        return Value::null();
    if (on && !p->buffer) {
        p->buffer = new (std::nothrow) std::string();
        if (!p->buffer)
            return raise_no_memory(vm);
    } else if (!on && p->buffer) {
        if (!flush_buffer(p))
            return Value::null();
        delete p->buffer;
        p->buffer = nullptr;
    }
    return py_none();
}
SLPY_X_FN(get_buffer_size) { return int_from_i64(vm, self_parser(args[0])->buffer_size); }
SLPY_X_FN(set_buffer_size)
{
    XmlParser* p = self_parser(args[0]);
    if (nargs < 2 || args[1].is_null())
        return raise(vm, exc::AttributeError, "cannot delete attribute");
    if (!is_int(args[1]))
        return raise(vm, exc::TypeError, "buffer_size must be an integer");
    int64_t v;
    if (!int_to_i64(int_unwrap(args[1]), v) || v > INT32_MAX)
        return raise(vm, exc::ValueError, "buffer_size must not be greater than 2147483647");
    if (v <= 0)
        return raise(vm, exc::ValueError, "buffer_size must be greater than zero");
    if (!flush_buffer(p))
        return Value::null();
    p->buffer_size = v;
    return py_none();
}
SLPY_X_FN(get_buffer_used)
{
    XmlParser* p = self_parser(args[0]);
    return int_from_i64(vm, p->buffer ? int64_t(p->buffer->size()) : 0);
}
SLPY_X_FN(get_ordered) { return py_bool(self_parser(args[0])->ordered_attributes); }
SLPY_X_FN(set_ordered)
{
    return bool_setting(vm, args, nargs, self_parser(args[0])->ordered_attributes) ? py_none() : Value::null();
}
SLPY_X_FN(get_specified) { return py_bool(self_parser(args[0])->specified_attributes); }
SLPY_X_FN(set_specified)
{
    return bool_setting(vm, args, nargs, self_parser(args[0])->specified_attributes) ? py_none() : Value::null();
}
SLPY_X_FN(get_ns_prefixes) { return py_bool(self_parser(args[0])->namespace_prefixes); }
SLPY_X_FN(set_ns_prefixes)
{
    XmlParser* p = self_parser(args[0]);
    if (!bool_setting(vm, args, nargs, p->namespace_prefixes))
        return Value::null();
    XML_SetReturnNSTriplet(p->parser, p->namespace_prefixes);
    return py_none();
}
SLPY_X_FN(get_intern) { return self_parser(args[0])->intern; }

#define SLPY_X_POS(cname, expr)                                      \
    SLPY_X_FN(cname)                                                 \
    {                                                                \
        XML_Parser x = self_parser(args[0])->parser;                 \
        return int_from_i64(vm, int64_t(expr));                      \
    }
SLPY_X_POS(get_error_code, XML_GetErrorCode(x))
SLPY_X_POS(get_error_line, XML_GetErrorLineNumber(x))
SLPY_X_POS(get_error_column, XML_GetErrorColumnNumber(x))
SLPY_X_POS(get_error_byte, XML_GetErrorByteIndex(x))
SLPY_X_POS(get_current_line, XML_GetCurrentLineNumber(x))
SLPY_X_POS(get_current_column, XML_GetCurrentColumnNumber(x))
SLPY_X_POS(get_current_byte, XML_GetCurrentByteIndex(x))
#undef SLPY_X_POS

// ------------------------------------------------------------------ module functions

// ParserCreate(encoding=None, namespace_separator=None, intern=<new dict>)
SLPY_X_FN(expat_parser_create)
{
    Value a[3];
    if (!parse_args(vm, "ParserCreate", args, nargs, kwnames, { "encoding", "namespace_separator", "intern" }, 0, a))
        return Value::null();
    ExpatState& st = expat_state(vm);
    String* encoding = nullptr;
    if (!a[0].is_null() && !is_none(a[0])) {
        encoding = as_str(a[0]);
        if (!encoding)
            return raise_fmt(vm, exc::TypeError, "ParserCreate() argument 'encoding' must be str or None, not %.50s",
                             type_name(a[0]));
    }
    String* sep = nullptr;
    if (!a[1].is_null() && !is_none(a[1])) {
        sep = as_str(a[1]);
        if (!sep)
            return raise_fmt(vm, exc::TypeError,
                             "ParserCreate() argument 'namespace_separator' must be str or None, not %.50s", type_name(a[1]));
        if (sep->length > 1)
            return raise(vm, exc::ValueError, "namespace_separator must be at most one character, omitted, or None");
    }
    Value intern_dict;
    if (a[2].is_null()) {
        Dict* d = dict_new(vm);
        if (!d)
            return Value::null();
        intern_dict = Value::from_object(d);
    } else if (is_none(a[2]) || type_of(a[2]) == types.dict) {
        intern_dict = a[2];
    } else {
        return raise(vm, exc::TypeError, "intern must be a dictionary");
    }
    ValueArray* handlers = value_array_new(vm, kHandlerCount);
    if (!handlers)
        return Value::null();
    for (int i = 0; i < kHandlerCount; ++i)
        handlers->items[i] = py_none();
    auto* p = vm.heap.make<XmlParser>(st.parser_type);
    if (!p)
        return Value::null();
    p->vm = &vm;
    p->handlers = handlers;
    p->intern = intern_dict;
    p->buffer_size = 8192;
    p->specified_attributes = false;
    if (sep) {
        size_t i = 0;
        uint32_t c = sep->length ? utf8_decode(sep->view(), i) : 0;
        p->parser = XML_ParserCreateNS(encoding ? encoding->c_str() : nullptr, XML_Char(c));
    } else {
        p->parser = XML_ParserCreate(encoding ? encoding->c_str() : nullptr);
    }
    if (!p->parser)
        return raise(vm, exc::MemoryError, "XML_ParserCreate failed");
    XML_SetUserData(p->parser, p);
    return Value::from_object(p);
}

SLPY_X_FN(expat_error_string)
{
    if (!check_no_kwargs(vm, "ErrorString", kwnames) || !check_nargs(vm, "ErrorString", nargs, 1, 1))
        return Value::null();
    int64_t code;
    if (!index_i64(vm, args[0], code))
        return Value::null();
    char const* s = XML_ErrorString(XML_Error(code));
    return s ? str_value(vm, s) : py_none();
}

#undef SLPY_X_FN

struct Named {
    char const* name;
    int value;
};

constexpr Named kErrors[] = {
#define X(n) { #n, n },
    X(XML_ERROR_NO_MEMORY) X(XML_ERROR_SYNTAX) X(XML_ERROR_NO_ELEMENTS) X(XML_ERROR_INVALID_TOKEN)
    X(XML_ERROR_UNCLOSED_TOKEN) X(XML_ERROR_PARTIAL_CHAR) X(XML_ERROR_TAG_MISMATCH) X(XML_ERROR_DUPLICATE_ATTRIBUTE)
    X(XML_ERROR_JUNK_AFTER_DOC_ELEMENT) X(XML_ERROR_PARAM_ENTITY_REF) X(XML_ERROR_UNDEFINED_ENTITY)
    X(XML_ERROR_RECURSIVE_ENTITY_REF) X(XML_ERROR_ASYNC_ENTITY) X(XML_ERROR_BAD_CHAR_REF) X(XML_ERROR_BINARY_ENTITY_REF)
    X(XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF) X(XML_ERROR_MISPLACED_XML_PI) X(XML_ERROR_UNKNOWN_ENCODING)
    X(XML_ERROR_INCORRECT_ENCODING) X(XML_ERROR_UNCLOSED_CDATA_SECTION) X(XML_ERROR_EXTERNAL_ENTITY_HANDLING)
    X(XML_ERROR_NOT_STANDALONE) X(XML_ERROR_UNEXPECTED_STATE) X(XML_ERROR_ENTITY_DECLARED_IN_PE)
    X(XML_ERROR_FEATURE_REQUIRES_XML_DTD) X(XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING) X(XML_ERROR_UNBOUND_PREFIX)
    X(XML_ERROR_UNDECLARING_PREFIX) X(XML_ERROR_INCOMPLETE_PE) X(XML_ERROR_XML_DECL) X(XML_ERROR_TEXT_DECL)
    X(XML_ERROR_PUBLICID) X(XML_ERROR_SUSPENDED) X(XML_ERROR_NOT_SUSPENDED) X(XML_ERROR_ABORTED) X(XML_ERROR_FINISHED)
    X(XML_ERROR_SUSPEND_PE) X(XML_ERROR_RESERVED_PREFIX_XML) X(XML_ERROR_RESERVED_PREFIX_XMLNS)
    X(XML_ERROR_RESERVED_NAMESPACE_URI) X(XML_ERROR_INVALID_ARGUMENT) X(XML_ERROR_NO_BUFFER)
    X(XML_ERROR_AMPLIFICATION_LIMIT_BREACH)
#undef X
};

constexpr Named kModel[] = {
    { "XML_CTYPE_EMPTY", XML_CTYPE_EMPTY }, { "XML_CTYPE_ANY", XML_CTYPE_ANY }, { "XML_CTYPE_MIXED", XML_CTYPE_MIXED },
    { "XML_CTYPE_NAME", XML_CTYPE_NAME }, { "XML_CTYPE_CHOICE", XML_CTYPE_CHOICE }, { "XML_CTYPE_SEQ", XML_CTYPE_SEQ },
    { "XML_CQUANT_NONE", XML_CQUANT_NONE }, { "XML_CQUANT_OPT", XML_CQUANT_OPT }, { "XML_CQUANT_REP", XML_CQUANT_REP },
    { "XML_CQUANT_PLUS", XML_CQUANT_PLUS },
};

ExpatState& setup(VM& vm)
{
    ExpatState& st = expat_state(vm);
    if (st.parser_type)
        return st;
    st.error = make_builtin_type(vm, "ExpatError", exc::Exception, exc::Exception->basicsize,
                                 TF_BASETYPE | TF_EXC_SUBCLASS, exc::Exception->trace, exc::Exception->finalize);
    set_native_type_module(vm, st.error, "xml.parsers.expat");
    st.parser_type = make_builtin_type(vm, "xmlparser", nullptr, sizeof(XmlParser), 0, parser_trace, parser_finalize);
    set_native_type_module(vm, st.parser_type, "pyexpat");
    add_methods(vm, st.parser_type, {
        { "Parse", parser_parse }, { "ParseFile", parser_parsefile }, { "SetBase", parser_set_base },
        { "GetBase", parser_get_base }, { "SetParamEntityParsing", parser_set_param_entity_parsing },
        { "UseForeignDTD", parser_use_foreign_dtd }, { "GetInputContext", parser_get_input_context },
        { "ExternalEntityParserCreate", parser_external_entity_parser_create },
    });
    add_handler_getsets(vm, st.parser_type, std::make_integer_sequence<int, kHandlerCount>());
    add_getsets(vm, st.parser_type, {
        { "buffer_text", get_buffer_text, set_buffer_text }, { "buffer_size", get_buffer_size, set_buffer_size },
        { "buffer_used", get_buffer_used }, { "ordered_attributes", get_ordered, set_ordered },
        { "specified_attributes", get_specified, set_specified }, { "namespace_prefixes", get_ns_prefixes, set_ns_prefixes },
        { "intern", get_intern }, { "ErrorCode", get_error_code }, { "ErrorLineNumber", get_error_line },
        { "ErrorColumnNumber", get_error_column }, { "ErrorByteIndex", get_error_byte },
        { "CurrentLineNumber", get_current_line }, { "CurrentColumnNumber", get_current_column },
        { "CurrentByteIndex", get_current_byte },
    });
    finish_builtin_type(vm, st.error);
    finish_builtin_type(vm, st.parser_type);
    return st;
}

} // namespace

Module* make_pyexpat_module(VM& vm)
{
    ExpatState& st = setup(vm);
    Module* m = module_new(vm, "pyexpat");
    module_add_functions(vm, m, { { "ParserCreate", expat_parser_create }, { "ErrorString", expat_error_string } });
    module_add(vm, m, "error", Value::from_object(st.error));
    module_add(vm, m, "ExpatError", Value::from_object(st.error));
    module_add(vm, m, "XMLParserType", Value::from_object(st.parser_type));
    module_add(vm, m, "EXPAT_VERSION", str_value(vm, XML_ExpatVersion()));
    XML_Expat_Version v = XML_ExpatVersionInfo();
    module_add(vm, m, "version_info",
               Value::from_object(tuple_pack(vm, { Value::small_int(v.major), Value::small_int(v.minor), Value::small_int(v.micro) })));
    module_add(vm, m, "native_encoding", str_value(vm, "UTF-8"));
    List* features = list_new(vm);
    for (XML_Feature const* f = XML_GetFeatureList(); f && f->feature != XML_FEATURE_END; ++f)
        (void)list_append(vm, features, Value::from_object(tuple_pack(vm, { str_value(vm, f->name), int_from_i64(vm, f->value) })));
    module_add(vm, m, "features", Value::from_object(features));
    module_add(vm, m, "XML_PARAM_ENTITY_PARSING_NEVER", Value::small_int(XML_PARAM_ENTITY_PARSING_NEVER));
    module_add(vm, m, "XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE", Value::small_int(XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE));
    module_add(vm, m, "XML_PARAM_ENTITY_PARSING_ALWAYS", Value::small_int(XML_PARAM_ENTITY_PARSING_ALWAYS));

    // pyexpat.errors: the XML_ERROR_* messages, and codes/messages to map both ways.
    Module* errors = module_new(vm, "pyexpat.errors");
    Dict* codes = dict_new(vm);
    Dict* messages = dict_new(vm);
    for (Named const& e : kErrors) {
        Value msg = str_value(vm, XML_ErrorString(XML_Error(e.value)));
        module_add(vm, errors, e.name, msg);
        (void)dict_set(vm, codes, msg, Value::small_int(e.value));
        (void)dict_set(vm, messages, Value::small_int(e.value), msg);
    }
    module_add(vm, errors, "codes", Value::from_object(codes));
    module_add(vm, errors, "messages", Value::from_object(messages));
    module_add(vm, m, "errors", Value::from_object(errors));
    Module* model = module_new(vm, "pyexpat.model");
    for (Named const& e : kModel)
        module_add(vm, model, e.name, Value::small_int(e.value));
    module_add(vm, m, "model", Value::from_object(model));
    return m;
}

} // namespace slpy
