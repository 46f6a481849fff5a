# Benchmark: class-heavy particle simulation: instance creation, attribute access, method calls, inheritance.
class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Entity:
    count = 0

    def __init__(self, ident, pos, vel):
        self.ident = ident
        self.pos = pos
        self.vel = vel
        self.alive = True
        Entity.count += 1

    def step(self, world):
        self.pos = self.pos.add(self.vel)
        if self.pos.x < 0 or self.pos.x > world.width:
            self.vel = Vec(-self.vel.x, self.vel.y)
        if self.pos.y < 0 or self.pos.y > world.height:
            self.vel = Vec(self.vel.x, -self.vel.y)

    def energy(self):
        return self.vel.dot(self.vel)


class Heavy(Entity):
    def __init__(self, ident, pos, vel, mass):
        super().__init__(ident, pos, vel)
        self.mass = mass

    def energy(self):
        return super().energy() * self.mass


class World:
    def __init__(self, width, height):
        self.width = width
        self.height = height
        self.entities = []

    def spawn(self, n):
        for i in range(n):
            pos = Vec(i * 7 % self.width, i * 13 % self.height)
            vel = Vec((i % 5) - 2, (i % 3) - 1)
            if i % 4 == 0:
                self.entities.append(Heavy(i, pos, vel, 1 + i % 3))
            else:
                self.entities.append(Entity(i, pos, vel))

    def tick(self):
        for e in self.entities:
            e.step(self)

    def total_energy(self):
        return sum(e.energy() for e in self.entities)


world = World(1000, 800)
world.spawn(2000)
for _ in range(500):
    world.tick()
checksum = 0
for e in world.entities:
    checksum = (checksum * 31 + e.pos.x * 3 + e.pos.y) % 1_000_000_007
print(Entity.count, world.total_energy(), checksum)
