-- Floating point loops: Mandelbrot set escape counts plus a small n-body step.
local W, H, MAXIT = 600, 400, 100
local total = 0
for py = 0, H - 1 do
  local ci = py * 2.0 / H - 1.0
  for px = 0, W - 1 do
    local cr = px * 3.0 / W - 2.0
    local zr, zi, n = 0.0, 0.0, 0
    while n < MAXIT do
      local zr2, zi2 = zr * zr, zi * zi
      if zr2 + zi2 > 4.0 then break end
      zi = 2.0 * zr * zi + ci
      zr = zr2 - zi2 + cr
      n = n + 1
    end
    total = total + n
  end
end

-- n-body (5 bodies, plain Euler steps)
local sqrt = math.sqrt
local bodies = {
  {x=0, y=0, z=0, vx=0, vy=0, vz=0, m=39.47},
  {x=4.84, y=-1.16, z=-0.10, vx=0.606, vy=2.81, vz=-0.02, m=0.037},
  {x=8.34, y=4.12, z=-0.40, vx=-1.01, vy=1.82, vz=0.008, m=0.011},
  {x=12.89, y=-15.11, z=-0.22, vx=1.08, vy=0.868, vz=-0.01, m=0.0017},
  {x=15.37, y=-25.91, z=0.17, vx=0.979, vy=0.594, vz=-0.034, m=0.002},
}
local nb = #bodies
local dt = 0.01
for step = 1, 200000 do
  for i = 1, nb do
    local bi = bodies[i]
    for j = i + 1, nb do
      local bj = bodies[j]
      local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
      local d2 = dx * dx + dy * dy + dz * dz
      local mag = dt / (d2 * sqrt(d2))
      local bm, bjm = bi.m * mag, bj.m * mag
      bi.vx = bi.vx - dx * bjm; bi.vy = bi.vy - dy * bjm; bi.vz = bi.vz - dz * bjm
      bj.vx = bj.vx + dx * bm;  bj.vy = bj.vy + dy * bm;  bj.vz = bj.vz + dz * bm
    end
  end
  for i = 1, nb do
    local b = bodies[i]
    b.x = b.x + dt * b.vx; b.y = b.y + dt * b.vy; b.z = b.z + dt * b.vz
  end
end
local e = 0
for i = 1, nb do
  local b = bodies[i]
  e = e + 0.5 * b.m * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
end
print("mandelbrot", total, string.format("%.9f", e))
