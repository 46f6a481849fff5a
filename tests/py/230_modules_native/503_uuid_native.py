# _uuid (libuuid) and uuid.uuid1 through it: time-based UUIDs, their version and variant
import _uuid
import uuid

print(_uuid.has_uuid_generate_time_safe)
raw, safe = _uuid.generate_time_safe()
print(type(raw).__name__, len(raw), raw[6] >> 4, raw[8] >> 6, safe in (-1, 0, 1))
u = uuid.uuid1()
print(u.version, u.variant, uuid.UUID(bytes=u.bytes) == u)
seen = {uuid.uuid1() for _ in range(100)}
print(len(seen))
print(uuid.uuid1(node=0x123456789abc, clock_seq=0x1234).hex[-16:])
print(uuid._generate_time_safe is not None, uuid.UUID(bytes=raw).version)
