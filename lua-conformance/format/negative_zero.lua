-- negative zero through the conversions
local z = 0
local nz = -z
print(string.format("%f %e %g %.3f %d %x", nz, nz, nz, nz, nz, nz))
print(string.format("%+f %+g % g %05.1f", nz, nz, nz, nz))
print(tostring(nz), nz .. "", nz == 0, 1/nz)
print(string.format("%s %q", nz, nz))
print(string.format("%.1f %.0f %g", -0.01, -0.4, -1e-300 * 1e-300))
