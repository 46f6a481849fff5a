# pwd and grp: lookups by id and name, struct_passwd/struct_group, getpwall/getgrall and the not-found errors
import grp
import pwd

root = pwd.getpwuid(0)
print(root.pw_name, root.pw_uid, root.pw_gid, root[0] == root.pw_name, len(root), type(root).__name__)
print(pwd.getpwnam(root.pw_name) == root, isinstance(root, tuple), pwd.struct_passwd.n_fields)
print(any(p.pw_uid == 0 for p in pwd.getpwall()))
g = grp.getgrgid(0)
print(g.gr_name, g.gr_gid, type(g.gr_mem).__name__, len(g), grp.getgrnam(g.gr_name) == g, grp.getgrgid(id=0) == g)
print(any(x.gr_gid == 0 for x in grp.getgrall()))

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(lambda: pwd.getpwuid(987654))
show(lambda: pwd.getpwuid(-5))
show(lambda: pwd.getpwuid(2 ** 40))
show(lambda: pwd.getpwuid("0"))
show(lambda: pwd.getpwnam("no-such-user-here"))
show(lambda: pwd.getpwnam(b"root"))
show(lambda: pwd.getpwnam("ro\0ot"))
show(lambda: grp.getgrgid(987654))
show(lambda: grp.getgrgid(-5))
show(lambda: grp.getgrgid(0.0))
show(lambda: grp.getgrnam("no-such-group-here"))
