# processing binary data: parsing a fake record format with bytes ops
data = b"name=alice;age=30\nname=bob;age=25\n\nname=carol;age=41\n"
people = []
for line in data.split(b"\n"):
    if not line:
        continue
    rec = {}
    for field in line.split(b";"):
        k, _, v = field.partition(b"=")
        rec[k.decode()] = v.decode()
    people.append(rec)
print(people)
print(sum(int(p["age"]) for p in people))
blob = bytearray()
for p in people:
    blob += p["name"].encode().upper() + b"\x00"
print(bytes(blob), blob.count(0), blob.split(b"\x00"))
