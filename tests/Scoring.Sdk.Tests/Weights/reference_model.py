"""Independent model of the reference weight steps, used to produce the golden vectors in GoldenVectorTests.cs.

Pure Python (no NumPy or PyTorch on the machine that wrote it): every float32 operation is done in double and
rounded to float32 with struct, which is exact for + - * / (a double holds every product and quotient of two
float32 values to within one rounding). Written from the reference sources, not from the C# code:
  - torch.nn.functional.normalize(scores, p=1, dim=0) on a CPU float32 tensor (sequential float32 sum of |s|
    from 0, denom = max(norm, float32(1e-12)), s / denom)
  - bittensor/utils/weight_utils.py convert_weights_and_uids_for_emit (Python floats, round() half to even)
  - bittensor/utils/weight_utils.py normalize_max_weight with NumPy 2 (NEP 50) promotion and NumPy's pairwise sum
    (numpy/_core/src/umath/loops_utils.h.src)
Run: python3 reference_model.py  (prints the C# arrays pasted into GoldenVectorTests.cs)
"""
import struct


def f32(x):
    return struct.unpack('<f', struct.pack('<f', x))[0]


def bits(x):
    return struct.unpack('<I', struct.pack('<f', x))[0]


def pairwise_sum(a):
    n = len(a)
    if n < 8:
        res = -0.0
        for v in a:
            res = f32(res + v)
        return res
    if n <= 128:
        r = list(a[:8])
        i = 8
        while i < n - (n % 8):
            for k in range(8):
                r[k] = f32(r[k] + a[i + k])
            i += 8
        res = f32(f32(f32(r[0] + r[1]) + f32(r[2] + r[3])) + f32(f32(r[4] + r[5]) + f32(r[6] + r[7])))
        while i < n:
            res = f32(res + a[i])
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return f32(pairwise_sum(a[:n2]) + pairwise_sum(a[n2:]))


def np_sum(a):
    return f32(0.0 + pairwise_sum(a))  # identity + pairwise block


def torch_l1_normalize(scores):
    scores = [f32(s) for s in scores]
    scores = [0.0 if s < 0 else s for s in scores]
    norm = 0.0
    for s in scores:
        norm = f32(norm + abs(s))
    denom = max(norm, f32(1e-12))
    return [f32(s / denom) for s in scores]


def emit(uids, weights):
    weights = list(weights)
    if min(weights) < 0:
        raise ValueError("negative weight")
    if min(uids) < 0:
        raise ValueError("negative uid")
    if len(uids) != len(weights):
        raise ValueError("length")
    if sum(weights) == 0:
        return [], []
    max_weight = float(max(weights))
    weights = [float(v) / max_weight for v in weights]
    out_u, out_v = [], []
    for w, u in zip(weights, uids):
        v = round(float(w) * int(65535))
        if v != 0:
            out_v.append(v)
            out_u.append(u)
    return out_u, out_v


def normalize_max_weight(x, limit):
    x = [f32(v) for v in x]
    epsilon = 1e-7
    lim32 = f32(limit)
    eps32 = f32(epsilon)
    weights = list(x)
    values = sorted(weights)
    n = len(x)
    if np_sum(x) == 0 or n * limit <= 1:
        return [f32(1.0 / f32(n))] * n
    vsum = np_sum(values)
    estimation = [f32(v / vsum) for v in values]
    if max(estimation) <= lim32:
        s = np_sum(weights)
        return [f32(w / s) for w in weights]
    cumsum = []
    acc = None
    for e in estimation:
        acc = e if acc is None else f32(acc + e)
        cumsum.append(acc)
    estimation_sum = [f32(f32(n - i - 1) * estimation[i]) for i in range(n)]
    n_values = sum(1 for i in range(n)
                   if f32(estimation[i] / f32(f32(estimation_sum[i] + cumsum[i]) + eps32)) < lim32)
    c = cumsum[n_values - 1]  # Python: index -1 is the last
    numerator = f32(f32(lim32 * c) - eps32)
    denominator = 1 - (limit * (n - n_values))
    cutoff_scale = numerator / denominator
    cutoff = cutoff_scale * vsum
    weights = [f32(cutoff) if w > cutoff else w for w in weights]
    s = np_sum(weights)
    return [f32(w / s) for w in weights]


def lcg(seed, count):
    out = []
    state = seed
    for _ in range(count):
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out.append((state >> 40) / float(1 << 24))  # 24-bit fraction: exact in float32
    return out


def cs_floats(name, xs):
    return f"    private static readonly uint[] {name} = [{', '.join(f'0x{bits(v):08X}' for v in xs)}];"


def cs_ints(name, xs, kind='int'):
    return f"    private static readonly {kind}[] {name} = [{', '.join(str(v) for v in xs)}];"


if __name__ == '__main__':
    # 1. the worked scores: scheme numbers, a negative, ties at the top
    s1 = [0.0, 1.0, 0.0825, 0.023000000000000003, 0.5, -0.3, 1.0, 0.9]
    w1 = torch_l1_normalize(s1)
    u1, v1 = emit(list(range(len(w1))), w1)
    print(cs_floats('Case1Weights', w1)); print(cs_ints('Case1EmitUids', u1)); print(cs_ints('Case1EmitValues', v1, 'ushort'))
    # 2. 300 pseudo-random scores, every 7th zero
    s2 = [0.0 if i % 7 == 0 else v for i, v in enumerate(lcg(42, 300))]
    w2 = torch_l1_normalize(s2)
    u2, v2 = emit(list(range(len(w2))), w2)
    print(cs_floats('Case2Weights', w2)); print(cs_ints('Case2EmitUids', u2)); print(cs_ints('Case2EmitValues', v2, 'ushort'))
    # 3. max-weight limiting: 20 values with a few dominant ones, limit 0.1
    s3 = [v * (50.0 if i % 6 == 0 else 1.0) for i, v in enumerate(lcg(7, 20))]
    m3 = normalize_max_weight(s3, 0.1)
    print(cs_floats('Case3Limited', m3))
    # 4. max-weight limiting over 300 values (pairwise sums recurse), limit 0.01
    s4 = [v * (400.0 if i % 37 == 0 else 1.0) for i, v in enumerate(lcg(9, 300))]
    m4 = normalize_max_weight(s4, 0.01)
    print(cs_floats('Case4Limited', m4))
    # 5. half-to-even emission: max 131070, ratios that land on .5 boundaries
    w5 = [131070.0, 1.0, 3.0, 5.0, 7.0, 131069.0]
    print(cs_ints('Case5EmitValues', emit(list(range(len(w5))), w5)[1], 'ushort'), emit(list(range(len(w5))), w5)[0])
