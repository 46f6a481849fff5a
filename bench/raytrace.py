# Benchmark: a small ray tracer: Vector class with operator overloading, spheres and a plane, shadows, reflections.
import math


class Vector:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vector(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vector(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y, -self.z)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def cross(self, o):
        return Vector(self.y * o.z - self.z * o.y, self.z * o.x - self.x * o.z, self.x * o.y - self.y * o.x)

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def reflect(self, normal):
        return self - normal * (2 * self.dot(normal))


class Ray:
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def at(self, t):
        return self.origin + self.direction * t


class Material:
    def __init__(self, color, diffuse, specular, reflect, checker=None):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.reflect = reflect
        self.checker = checker

    def color_at(self, point):
        if self.checker is None:
            return self.color
        if (math.floor(point.x) + math.floor(point.z)) % 2 == 0:
            return self.color
        return self.checker


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > 1e-6:
            return t
        t = -b + root
        return t if t > 1e-6 else None

    def normal_at(self, point):
        return (point - self.center).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.normalized()
        self.material = material

    def intersect(self, ray):
        denom = self.normal.dot(ray.direction)
        if abs(denom) < 1e-9:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > 1e-6 else None

    def normal_at(self, point):
        return self.normal


class Scene:
    def __init__(self, objects, lights, ambient=0.1):
        self.objects = objects
        self.lights = lights
        self.ambient = ambient

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t, best = t, obj
        return best, best_t

    def shadowed(self, point, to_light, distance):
        ray = Ray(point, to_light)
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return Vector(0.2, 0.3, 0.5) * (0.5 + 0.5 * ray.direction.y)
        point = ray.at(t)
        normal = obj.normal_at(point)
        mat = obj.material
        base = mat.color_at(point)
        color = base * self.ambient
        for light_pos, light_color in self.lights:
            to_light = light_pos - point
            distance = to_light.length()
            to_light = to_light * (1.0 / distance)
            lambert = normal.dot(to_light)
            if lambert <= 0 or self.shadowed(point, to_light, distance):
                continue
            d = lambert * mat.diffuse
            color = color + Vector(base.x * light_color.x * d, base.y * light_color.y * d, base.z * light_color.z * d)
            half = (to_light - ray.direction).normalized()
            spec = max(0.0, normal.dot(half)) ** 32 * mat.specular
            color = color + light_color * spec
        if depth > 0 and mat.reflect > 0:
            reflected = self.trace(Ray(point, ray.direction.reflect(normal)), depth - 1)
            color = color * (1 - mat.reflect) + reflected * mat.reflect
        return color


def render(scene, width, height):
    eye = Vector(0.0, 1.5, -5.0)
    forward = (Vector(0.0, 0.8, 0.0) - eye).normalized()
    right = Vector(0.0, 1.0, 0.0).cross(forward).normalized()
    up = forward.cross(right)
    pixels = []
    for j in range(height):
        y = 1.0 - 2.0 * (j + 0.5) / height
        for i in range(width):
            x = 2.0 * (i + 0.5) / width - 1.0
            direction = forward + right * x + up * y
            c = scene.trace(Ray(eye, direction), 3)
            pixels.append((min(255, int(c.x * 255)), min(255, int(c.y * 255)), min(255, int(c.z * 255))))
    return pixels


def main():
    shiny = Material(Vector(0.9, 0.2, 0.2), 0.7, 0.5, 0.3)
    matte = Material(Vector(0.2, 0.8, 0.3), 0.9, 0.1, 0.0)
    mirror = Material(Vector(0.9, 0.9, 0.9), 0.2, 0.9, 0.7)
    floor = Material(Vector(0.9, 0.9, 0.9), 0.8, 0.0, 0.2, checker=Vector(0.1, 0.1, 0.1))
    scene = Scene(
        [Sphere(Vector(0.0, 1.0, 0.0), 1.0, shiny), Sphere(Vector(-2.0, 0.6, 1.0), 0.6, matte),
         Sphere(Vector(2.0, 1.2, 1.5), 1.2, mirror), Plane(Vector(0.0, 0.0, 0.0), Vector(0.0, 1.0, 0.0), floor)],
        [(Vector(-4.0, 6.0, -3.0), Vector(0.8, 0.8, 0.8)), (Vector(3.0, 4.0, -4.0), Vector(0.4, 0.4, 0.5))])
    pixels = render(scene, 170, 170)
    checksum = 0
    for r, g, b in pixels:
        checksum = (checksum * 31 + r * 65536 + g * 256 + b) % 1000000007
    lit = sum(1 for p in pixels if sum(p) > 300)
    assert len(pixels) == 28900 and 0 < lit < 28900
    print("raytrace: %d pixels, %d bright, checksum %d" % (len(pixels), lit, checksum))


main()
