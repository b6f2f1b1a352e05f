cdef class Point:
    cdef double x, y

    def __init__(self, double x, double y):
        self.x = x
        self.y = y

    def norm(self):
        return sqrt(self.x * self.x + self.y * self.y)

def scale(Point p, double f):
    cdef int n = "three"
    return Point(p.x * f, p.y * f)
