#!/usr/bin/env python3
"""Which training recipe meets the landscape-200 quality targets at the 2-core CPU budget? (PyTorch, GPU or CPU)

Emulates the Java pipeline exactly where it matters:
  * training samples: each intel-train image area-resized (OpenCV INTER_AREA, rounded to 8 bit) to the working size S,
    input = L of the neutral gray with the image's 8-bit luma round(0.299R + 0.587G + 0.114B) (the "OpenCV-style
    luma", as the Kaggle gray files), divided by 100; target = a/b of the resized color image (D65, sRGB curve);
    random horizontal mirror; 64 px crops are random crops of the S=128 sample;
  * prediction: gray file -> area resize to S -> model -> a/b at S -> bilinear (align_corners=False) to 150x150 ->
    joined with the full-resolution L of the gray file -> Lab -> sRGB, clipped to 8 bit (exact nearest code);
    optional luma restoration: RGB += gray - (0.299R + 0.587G + 0.114B), rounded and clipped;
  * metrics: PSNR (8-bit RGB, per image, averaged), SSIM (Wang 2004, Gaussian 11 / 1.5, valid region, mean of RGB,
    = skimage structural_similarity(channel_axis=2, data_range=255, gaussian_weights=True, sigma=1.5,
    use_sample_covariance=False)), colorfulness (Hasler & Suesstrunk, population std), averaged over images.

Budgets are images seen (the CPU throughput x 2 h), not GPU time. Decoding settings (annealed-mean T, blend weight w
of classification vs regression, saturation gain) are tuned on a held-out 10 % of intel-train, never on
landscape-200, and the chosen settings are then scored on landscape-200.

Run: python3 bench/experiments/quality_explore.py --data runs/gpu-data --out $OUT
Quick CPU smoke test: /usr/bin/python3 bench/experiments/quality_explore.py --data runs/gpu-data --smoke
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn

T0 = time.time()


def log(*a):
    print(f"[{time.time() - T0:6.1f}s]", *a, flush=True)


# ----------------------------------------------------------------------------------------------------- color (exact)
M_RGB2XYZ = torch.tensor([[0.4124564, 0.3575761, 0.1804375],
                          [0.2126729, 0.7151522, 0.0721750],
                          [0.0193339, 0.1191920, 0.9503041]], dtype=torch.float64)
WHITE = M_RGB2XYZ.sum(1)
M_XYZ2RGB = torch.linalg.inv(M_RGB2XYZ)
DELTA = 6.0 / 29.0
DELTA3 = DELTA ** 3
F_SLOPE = 1.0 / (3.0 * DELTA * DELTA)


def _decode(v):
    return torch.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


class Color:
    def __init__(self, dev):
        self.dev = dev
        codes = torch.arange(256, dtype=torch.float64)
        self.to_linear = _decode(codes / 255).to(dev)
        self.bounds = _decode((torch.arange(255, dtype=torch.float64) + 0.5) / 255).float().to(dev)
        self.m = M_RGB2XYZ.float().to(dev)
        self.minv = M_XYZ2RGB.float().to(dev)
        self.white = WHITE.float().to(dev)
        g = torch.arange(256, dtype=torch.float64).view(1, 1, 256).expand(3, 1, 256)
        lin = _decode(g / 255)
        y = torch.einsum("ij,jhw->ihw", M_RGB2XYZ, lin)[1] / WHITE[1]
        fy = torch.where(y > DELTA3, y.clamp_min(1e-30) ** (1 / 3), y * F_SLOPE + 4 / 29)
        self.gray_l = (116 * fy - 16).view(256).float().to(dev)  # L of (g, g, g)

    def rgb_to_lab(self, rgb):
        """rgb: (N, 3, H, W) float with integer values 0..255 -> (N, 3, H, W) L, a, b (float32)."""
        lin = self.to_linear[rgb.long()].float()
        xyz = torch.einsum("ij,njhw->nihw", self.m, lin) / self.white.view(1, 3, 1, 1)
        f = torch.where(xyz > DELTA3, xyz.clamp_min(1e-30) ** (1 / 3), xyz * F_SLOPE + 4 / 29)
        return torch.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], 1)

    def lab_to_rgb8(self, l, ab):
        """l: (N, H, W), ab: (N, 2, H, W) -> (N, 3, H, W) float 0..255 integer codes (clipped, nearest code)."""
        fy = (l + 16) / 116
        f = torch.stack([fy + ab[:, 0] / 500, fy, fy - ab[:, 1] / 200], 1)
        xyz = torch.where(f > DELTA, f ** 3, (f - 4 / 29) / F_SLOPE) * self.white.view(1, 3, 1, 1)
        lin = torch.einsum("ij,njhw->nihw", self.minv, xyz)
        return torch.bucketize(lin.contiguous(), self.bounds, right=True).float()

    @staticmethod
    def luma8(rgb):
        """Integer luma round(0.299 R + 0.587 G + 0.114 B), ties up (SampleCache.luma)."""
        return torch.floor((299 * rgb[:, 0] + 587 * rgb[:, 1] + 114 * rgb[:, 2] + 500) / 1000)


def resize_matrix(n_in, n_out):
    """(n_out, n_in): area averaging when shrinking (INTER_AREA), bilinear half-pixel otherwise (data.Resize)."""
    m = np.zeros((n_out, n_in), np.float64)
    if n_in > n_out:
        scale = n_in / n_out
        for i in range(n_out):
            a, b = i * scale, (i + 1) * scale
            for j in range(int(math.floor(a)), min(n_in, int(math.ceil(b)))):
                ov = min(b, j + 1) - max(a, j)
                if ov > 0:
                    m[i, j] = ov / scale
    else:
        for i in range(n_out):
            s = max(0.0, (i + 0.5) * n_in / n_out - 0.5)
            i0 = min(int(math.floor(s)), n_in - 1)
            i1 = min(i0 + 1, n_in - 1)
            fr = s - i0
            m[i, i0] += 1 - fr
            m[i, i1] += fr
    return torch.tensor(m, dtype=torch.float32)


def resize8(img, size):
    """img: (N, C, H, W) float 0..255 -> (N, C, size, size), rounded to 8 bit (Resize.resize)."""
    h, w = img.shape[-2:]
    my = resize_matrix(h, size).to(img.device)
    mx = resize_matrix(w, size).to(img.device)
    out = torch.einsum("ih,nchw,jw->ncij", my, img, mx)
    return torch.floor(out + 0.5).clamp(0, 255)


# ------------------------------------------------------------------------------------------------------- metrics
def _gauss(dev):
    x = torch.arange(11, dtype=torch.float64, device=dev) - 5
    g = torch.exp(-x * x / (2 * 1.5 ** 2))
    return g / g.sum()


def metrics(pred, truth):
    """pred, truth: (N, 3, H, W) float 0..255 -> per-image psnr, ssim, cf of pred (tensors of N)."""
    p = pred.double()
    t = truth.double()
    mse = ((p - t) ** 2).mean((1, 2, 3))
    psnr = 10 * torch.log10(255.0 ** 2 / mse.clamp_min(1e-10))
    g = _gauss(p.device)
    n, c, h, w = p.shape

    def filt(x):
        x = x.reshape(n * c, 1, h, w)
        x = F.conv2d(x, g.view(1, 1, 11, 1))
        x = F.conv2d(x, g.view(1, 1, 1, 11))
        return x

    mx, my = filt(p), filt(t)
    sxx = filt(p * p) - mx * mx
    syy = filt(t * t) - my * my
    sxy = filt(p * t) - mx * my
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    s = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
    ssim = s.reshape(n, c, -1).mean(2).mean(1)
    return psnr, ssim, colorfulness(p)


def colorfulness(rgb):
    r, g, b = rgb[:, 0].double(), rgb[:, 1].double(), rgb[:, 2].double()
    rg = (r - g).flatten(1)
    yb = (0.5 * (r + g) - b).flatten(1)
    sd = torch.sqrt(rg.var(1, unbiased=False) + yb.var(1, unbiased=False))
    mu = torch.sqrt(rg.mean(1) ** 2 + yb.mean(1) ** 2)
    return sd + 0.3 * mu


def restore_luma(rgb, gray):
    luma = 0.299 * rgb[:, 0] + 0.587 * rgb[:, 1] + 0.114 * rgb[:, 2]
    return torch.floor(rgb + (gray - luma).unsqueeze(1) + 0.5).clamp(0, 255)


# ----------------------------------------------------------------------------------------------------------- bins
class Bins:
    def __init__(self, color, step, train_ab, lam=0.5, sigma_prior=5.0):
        dev = color.dev
        half = 110 if step == 10 else (step * (110 // step))
        vals = torch.arange(-half, half + 1e-6, step, dtype=torch.float32)
        aa, bb = torch.meshgrid(vals, vals, indexing="ij")
        cand = torch.stack([aa.flatten(), bb.flatten()], 1).to(dev)  # (K, 2)
        # in gamut: some L in 1..99 maps the bin center into the sRGB cube
        ls = torch.arange(1, 100, dtype=torch.float32, device=dev)
        fy = ((ls + 16) / 116).view(-1, 1)
        f = torch.stack([fy + cand[:, 0] / 500, fy.expand(-1, len(cand)), fy - cand[:, 1] / 200], -1)
        xyz = torch.where(f > DELTA, f ** 3, (f - 4 / 29) / F_SLOPE) * color.white
        lin = xyz @ color.minv.T
        ingamut = ((lin >= -1e-4) & (lin <= 1 + 1e-4)).all(-1).any(0)
        # plus every bin the training data falls in
        near = torch.cat([torch.cdist(ch, cand).argmin(1) for ch in train_ab.split(65536)])
        counts = torch.bincount(near, minlength=len(cand)).float()
        keep = ingamut | (counts > 0)
        self.centers = cand[keep].contiguous()
        self.q = len(self.centers)
        self.sigma = step / 2.0
        # smoothed empirical prior and rebalancing weights (Zhang et al. 2016)
        p = counts[keep] / counts.sum()
        dc = torch.cdist(self.centers, self.centers)
        k = torch.exp(-dc ** 2 / (2 * sigma_prior ** 2))
        ps = (k @ p)
        ps = ps / ps.sum()
        w = 1.0 / ((1 - lam) * ps + lam / self.q)
        w = w / (ps * w).sum()
        self.weights = w
        self.prior = ps
        self.c2 = (self.centers ** 2).sum(1)

    def soft_targets(self, ab):
        """ab: (P, 2) -> idx (P, 5), weights (P, 5) for 5 nearest bins, Gaussian sigma."""
        d2 = (ab ** 2).sum(1, keepdim=True) - 2 * ab @ self.centers.T + self.c2
        dd, idx = torch.topk(d2, 5, dim=1, largest=False)
        wt = torch.softmax(-dd.clamp_min(0) / (2 * self.sigma ** 2), 1)
        return idx, wt


# ---------------------------------------------------------------------------------------------------------- model
def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class UNet(nn.Module):
    """As colorizer-core model/UNet.java: 3 poolings, widths c-2c-4c-8c, two conv-BN-ReLU per level, nearest 2x
    upsampling, concatenated skips; regression head 1x1 conv + tanh (a/b / 128) at full resolution; classification
    head 1x1 conv on the decoder features at 1/4 resolution (width 4c)."""

    def __init__(self, c=32, q=0, reg=True):
        super().__init__()
        self.e1, self.e2, self.e3, self.e4 = block(1, c), block(c, 2 * c), block(2 * c, 4 * c), block(4 * c, 8 * c)
        self.d3, self.d2, self.d1 = block(12 * c, 4 * c), block(6 * c, 2 * c), block(3 * c, c)
        self.reg = nn.Conv2d(c, 2, 1) if reg else None
        self.cls = nn.Conv2d(4 * c, q, 1) if q else None

    def forward(self, x):
        e1 = self.e1(x)
        e2 = self.e2(F.max_pool2d(e1, 2))
        e3 = self.e3(F.max_pool2d(e2, 2))
        e4 = self.e4(F.max_pool2d(e3, 2))
        d3 = self.d3(torch.cat([F.interpolate(e4, scale_factor=2.0, mode="nearest"), e3], 1))
        d2 = self.d2(torch.cat([F.interpolate(d3, scale_factor=2.0, mode="nearest"), e2], 1))
        d1 = self.d1(torch.cat([F.interpolate(d2, scale_factor=2.0, mode="nearest"), e1], 1))
        return (torch.tanh(self.reg(d1)) if self.reg is not None else None,
                self.cls(d3) if self.cls is not None else None)


def macs(model, size):
    tot = 0
    hooks = []

    def hook(m, i, o):
        nonlocal tot
        tot += o.numel() // o.shape[0] * m.in_channels * m.kernel_size[0] * m.kernel_size[1] // m.groups

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(hook))
    dev = next(model.parameters()).device
    was = model.training
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 1, size, size, device=dev))
    model.train(was)
    for h in hooks:
        h.remove()
    return tot


# ----------------------------------------------------------------------------------------------------------- data
def read_rgb(path):
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"), dtype=np.uint8)


def read_gray(path):
    with Image.open(path) as im:
        return np.asarray(im.convert("L"), dtype=np.uint8)


def load(args, dev):
    tdir = os.path.join(args.data, "intel-train")
    names = sorted(os.listdir(tdir))
    train = np.stack([read_rgb(os.path.join(tdir, n)) for n in names])
    ldir = os.path.join(args.data, "landscape-200")
    lnames = sorted(os.listdir(os.path.join(ldir, "color")), key=lambda s: int(os.path.splitext(s)[0]))
    lcol = np.stack([read_rgb(os.path.join(ldir, "color", n)) for n in lnames])
    lgray = np.stack([read_gray(os.path.join(ldir, "gray", n)) for n in lnames])
    t = lambda a: torch.from_numpy(a).to(dev)
    return t(train).permute(0, 3, 1, 2).float(), t(lcol).permute(0, 3, 1, 2).float(), t(lgray).float()


class TrainSet:
    def __init__(self, color, rgb150, size):
        rgb = resize8(rgb150, size)
        self.x = (color.gray_l[Color.luma8(rgb).long()] / 100).unsqueeze(1).contiguous()  # (N, 1, S, S)
        self.ab = color.rgb_to_lab(rgb)[:, 1:].contiguous()  # (N, 2, S, S)
        self.n = len(rgb)


# ------------------------------------------------------------------------------------------------------- training
def lr_at(step, total, peak, warm):
    if step < warm:
        return peak * (step + 1) / warm
    return peak * 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))


def train(model, data128, bins, phases, args, dev, seed):
    """phases: list of (images_seen, crop or None). Adam, warmup then cosine over all phases' steps."""
    torch.manual_seed(seed)
    gen = torch.Generator(device=dev)
    gen.manual_seed(seed)
    try:
        opt = torch.optim.Adam(model.parameters(), lr=args.lr, fused=(dev.type == "cuda"))
    except (TypeError, RuntimeError):
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    bs = args.batch
    total = sum(int(math.ceil(n / bs)) for n, _ in phases)
    warm = max(1, int(0.03 * total))
    step = 0
    model.train()
    use_amp = dev.type == "cuda"
    t0 = time.time()
    losses = []
    for n_img, crop in phases:
        steps = int(math.ceil(n_img / bs))
        perm = torch.randperm(data128.n, device=dev, generator=gen)
        pos = 0
        for _ in range(steps):
            if pos + bs > data128.n:
                perm = torch.randperm(data128.n, device=dev, generator=gen)
                pos = 0
            idx = perm[pos:pos + bs]
            pos += bs
            x = data128.x[idx]
            ab = data128.ab[idx]
            s = x.shape[-1]
            if crop and crop < s:
                oy = torch.randint(0, s - crop + 1, (bs,), device=dev, generator=gen)
                ox = torch.randint(0, s - crop + 1, (bs,), device=dev, generator=gen)
                ar = torch.arange(crop, device=dev)
                yy = (oy[:, None] + ar)[:, None, :, None]
                xx = (ox[:, None] + ar)[:, None, None, :]
                bi = torch.arange(bs, device=dev)[:, None, None, None]
                x = x[bi, torch.zeros(1, 1, 1, 1, dtype=torch.long, device=dev), yy, xx]
                ab = ab[bi, torch.arange(2, device=dev)[None, :, None, None], yy, xx]
            flip = torch.rand(bs, device=dev, generator=gen) < 0.5
            x = torch.where(flip.view(-1, 1, 1, 1), x.flip(-1), x)
            ab = torch.where(flip.view(-1, 1, 1, 1), ab.flip(-1), ab)
            for g in opt.param_groups:
                g["lr"] = lr_at(step, total, args.lr, warm)
            with torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=use_amp):
                reg, logits = model(x.contiguous(memory_format=torch.channels_last) if use_amp else x)
            loss = 0.0
            if reg is not None:
                loss = loss + args.reg_w * F.mse_loss(reg.float(), ab / 128)
            if logits is not None:
                lp = F.log_softmax(logits.float(), 1).permute(0, 2, 3, 1).reshape(-1, bins.q)
                abp = F.avg_pool2d(ab, 4).permute(0, 2, 3, 1).reshape(-1, 2)  # target at 1/4 resolution
                bidx, bw = bins.soft_targets(abp)
                ce = -(lp.gather(1, bidx) * bw).sum(1)
                loss = loss + (ce * bins.weights[bidx[:, 0]]).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if step % 200 == 0 or step == total - 1:
                losses.append((step, float(loss.detach())))
            step += 1
    if dev.type == "cuda":
        torch.cuda.synchronize()
    return time.time() - t0, losses


# ------------------------------------------------------------------------------------------------------ prediction
TS = [0.2, 0.3, 0.38, 0.5, 0.7, 1.0]
WS = [0.0, 0.25, 0.5, 0.75, 1.0]
GAINS = [1.0, 1.05, 1.1, 1.15, 1.2, 1.3, 1.5]


@torch.no_grad()
def predict_parts(model, bins, gray150, size, dev, ts):
    """gray150: (N, H, W) 8-bit -> dict: 'reg' -> (N, 2, H, W) a/b upsampled; ('am', T) -> annealed means."""
    model.eval()
    n, h, w = gray150.shape
    g = resize8(gray150.unsqueeze(1), size)[:, 0]
    out = {}
    use_amp = dev.type == "cuda"
    chunk = 32
    for i in range(0, n, chunk):
        x = (model_color.gray_l[g[i:i + chunk].long()] / 100).unsqueeze(1)
        with torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=use_amp):
            reg, logits = model(x.contiguous(memory_format=torch.channels_last) if use_amp else x)
        parts = {}
        if reg is not None:
            parts["reg"] = reg.float() * 128
        if logits is not None:
            lg = logits.float()
            for t in ts:
                pr = torch.softmax(lg / t, 1)
                parts[("am", t)] = torch.einsum("bqhw,qc->bchw", pr, bins.centers)
        for k, v in parts.items():
            v = F.interpolate(v, size=(h, w), mode="bilinear", align_corners=False)
            out.setdefault(k, []).append(v)
    return {k: torch.cat(v) for k, v in out.items()}


def render(parts, l150, gray150, t, wgt, gain, luma):
    if ("am", t) in parts and "reg" in parts:
        ab = wgt * parts[("am", t)] + (1 - wgt) * parts["reg"]
    elif "reg" in parts:
        ab = parts["reg"]
    else:
        ab = parts[("am", t)]
    rgb = model_color.lab_to_rgb8(l150, ab * gain)
    return restore_luma(rgb, gray150) if luma else rgb


def score(parts, l150, gray150, truth, t, wgt, gain, luma):
    p, s, c = metrics(render(parts, l150, gray150, t, wgt, gain, luma), truth)
    return float(p.mean()), float(s.mean()), float(c.mean())


def grid_for(parts, smoke):
    has_reg, has_cls = "reg" in parts, any(isinstance(k, tuple) for k in parts)
    ts = [t for t in TS if ("am", t) in parts] if has_cls else [None]
    ws = (WS if (has_reg and has_cls) else [1.0 if has_cls else 0.0])
    gains = GAINS[:2] if smoke else GAINS
    return [(t, w, g) for t in ts for w in ws for g in gains if not (w == 0.0 and t not in (None, ts[0]))]


model_color = None


def evaluate(name, model, bins, ev, size, dev, args, extra):
    """Tune (T, w, gain) on held-out intel-train, then score the picks on landscape-200."""
    ts = TS[:2] if args.smoke else TS
    hp = predict_parts(model, bins, ev["h_gray"], size, dev, ts)
    grid = grid_for(hp, args.smoke)
    rows = []
    for (t, w, g) in grid:
        for luma in (0, 1):
            ps, ss, cf = score(hp, ev["h_l"], ev["h_gray"], ev["h_rgb"], t, w, g, luma)
            rows.append(dict(T=t, w=w, gain=g, luma=luma, psnr=ps, ssim=ss, cf=cf))
    hb = ev["h_base"]
    picks = {}
    for luma in (0, 1):
        cand = [r for r in rows if r["luma"] == luma and r["ssim"] >= hb["ssim"] - 0.003]
        for rule, ok in (("cf>=0.65", lambda r: r["cf"] >= 0.65 * hb["cf_truth"]),
                         ("cf>=0.7", lambda r: r["cf"] >= 0.7 * hb["cf_truth"]),
                         ("cf>=0.8", lambda r: r["cf"] >= 0.8 * hb["cf_truth"])):
            c = [r for r in cand if ok(r)]
            if c:
                picks[(rule, luma)] = max(c, key=lambda r: r["psnr"])
        # plain default decode (untuned): T .38, w .5, gain 1
        d = [r for r in rows if r["luma"] == luma and r["gain"] == 1.0
             and (r["T"] in (None, 0.38) or (args.smoke and r["T"] == ts[-1]))
             and r["w"] in (0.5 if len(set(x["w"] for x in rows)) > 1 else r["w"],)]
        if d:
            picks[("default", luma)] = d[0]
    lp = predict_parts(model, bins, ev["l_gray"], size, dev, ts)
    lrows = {}  # landscape-200 over the whole grid: for reporting only, never used to choose
    for (t, w, g) in grid:
        for luma in (0, 1):
            lrows[(t, w, g, luma)] = score(lp, ev["l_l"], ev["l_gray"], ev["l_rgb"], t, w, g, luma)
    for r in rows:
        r["l_psnr"], r["l_ssim"], r["l_cf"] = lrows[(r["T"], r["w"], r["gain"], r["luma"])]
    res = []
    for (rule, luma), r in sorted(picks.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        ps, ss, cf = lrows[(r["T"], r["w"], r["gain"], luma)]
        lb = ev["l_base"]
        ok = ps >= lb["psnr"] + 1.0 and ss >= lb["ssim"] - 0.005 and cf >= 0.6 * lb["cf_truth"]
        row = dict(recipe=name, S=size, pick=rule, luma=luma, T=r["T"], w=r["w"], gain=r["gain"],
                   held_psnr=r["psnr"], held_ssim=r["ssim"], held_cf=r["cf"],
                   psnr=ps, ssim=ss, cf=cf, dpsnr=ps - lb["psnr"], dssim=ss - lb["ssim"],
                   dcf=cf - lb["cf_truth"], meets=bool(ok), **extra)
        res.append(row)
        log(f"  {name:28s} S={size} {rule:9s} luma={luma} T={r['T']} w={r['w']} g={r['gain']}: "
            f"PSNR {ps:.2f} ({ps - lb['psnr']:+.2f})  SSIM {ss:.4f} ({ss - lb['ssim']:+.4f})  CF {cf:.1f} "
            f"({cf - lb['cf_truth']:+.1f})  {'MEETS' if ok else '-'}   [held {r['psnr']:.2f}/{r['ssim']:.4f}/"
            f"{r['cf']:.1f}]")
    return res, rows


# ------------------------------------------------------------------------------------------------------------ main
RECIPES = {
    # name: (width c, head: reg|cls|combo, a/b grid step, phases [(images seen, crop or None = whole 128)], overrides)
    # budgets = 2 h on 2 cores: full 5 img/s @128 -> 36k; half 12 img/s -> 86k; full 18 img/s @64 crops -> 130k
    "combo-full-128": (32, "combo", 10, [(36000, None)], {}),
    "reg-full-128": (32, "reg", 10, [(36000, None)], {}),
    "cls-full-128": (32, "cls", 10, [(36000, None)], {}),
    "combo-half-128": (16, "combo", 10, [(86000, None)], {}),
    "combo-full-crop64+128": (32, "combo", 10, [(65000, 64), (18000, None)], {}),
    "reg-half-128": (16, "reg", 10, [(86000, None)], {}),
    "combo-half-128-norebal": (16, "combo", 10, [(86000, None)], {"lam": 1.0}),
    "combo-half-128-seed2": (16, "combo", 10, [(86000, None)], {"seed": 2}),
    "reg-half-128-seed2": (16, "reg", 10, [(86000, None)], {"seed": 2}),
    "combo-full-128-seed2": (32, "combo", 10, [(36000, None)], {"seed": 2}),
    "combo-full-128-norebal": (32, "combo", 10, [(36000, None)], {"lam": 1.0}),
    "combo20-full-128": (32, "combo", 20, [(36000, None)], {}),
    "combo-full-crop64": (32, "combo", 10, [(130000, 64)], {}),
}


def cost_units(c, phases):
    return sum(n * ((cr or 128) / 128) ** 2 for n, cr in phases) * (1.0 if c == 32 else 0.45)


def main():
    global model_color
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="runs/gpu-data")
    ap.add_argument("--out", default=os.environ.get("OUT", "runs/quality_explore"))
    ap.add_argument("--recipes", default=",".join(RECIPES))
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--reg-w", type=float, default=5.0, help="MSE(ab/128) weight (1 when regression alone)")
    ap.add_argument("--lam", type=float, default=0.5)
    ap.add_argument("--deadline", type=float, default=480.0,
                    help="skip a recipe whose estimated end is after this many seconds from the start")
    ap.add_argument("--sizes", default="144,160", help="extra prediction sizes for the first recipe")
    ap.add_argument("--smoke", action="store_true", help="tiny budgets and subsets, for a CPU check")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if dev.type == "cuda":
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = False  # exact color conversions and resizes (einsum)
        torch.backends.cudnn.allow_tf32 = False
    log("torch", torch.__version__, "numpy", np.__version__, "device", dev,
        torch.cuda.get_device_name(0) if dev.type == "cuda" else "")
    os.makedirs(args.out, exist_ok=True)
    color = model_color = Color(dev)

    train150, lrgb, lgray = load(args, dev)
    rng = np.random.RandomState(0)
    perm = torch.from_numpy(rng.permutation(len(train150))).to(dev)
    nh = len(train150) // 10
    held150, tr150 = train150[perm[:nh]], train150[perm[nh:]]
    if args.smoke:
        tr150, held150, lrgb, lgray = tr150[:64], held150[:24], lrgb[:24], lgray[:24]
    log(f"train {len(tr150)}  held-out {len(held150)}  landscape {len(lrgb)}")

    # evaluation sets: gray input (held-out: derived luma of the 150 px color), full-res L, truth
    hg = Color.luma8(held150)
    ev = dict(h_gray=hg, h_l=color.gray_l[hg.long()], h_rgb=held150,
              l_gray=lgray, l_l=color.gray_l[lgray.long()], l_rgb=lrgb)
    for pre in ("h", "l"):
        gray3 = ev[pre + "_gray"].unsqueeze(1).expand(-1, 3, -1, -1)
        p, s, c = metrics(gray3, ev[pre + "_rgb"])
        ct = colorfulness(ev[pre + "_rgb"])
        ev[pre + "_base"] = dict(psnr=float(p.mean()), ssim=float(s.mean()), cf_truth=float(ct.mean()))
        log(f"gray baseline {pre}: PSNR {p.mean():.3f} SSIM {s.mean():.4f} CF 0  truth CF {ct.mean():.2f}")
    try:  # cross-check our SSIM against skimage on a few landscape images
        from skimage.metrics import structural_similarity
        k = min(8, len(lrgb))
        sk = [structural_similarity(lgray[i].cpu().numpy().astype(np.float64)[..., None].repeat(3, 2),
                                    lrgb[i].permute(1, 2, 0).cpu().numpy().astype(np.float64), channel_axis=2,
                                    data_range=255, gaussian_weights=True, sigma=1.5, use_sample_covariance=False)
              for i in range(k)]
        _, ours, _ = metrics(lgray[:k].unsqueeze(1).expand(-1, 3, -1, -1), lrgb[:k])
        log(f"skimage SSIM check: max |diff| {np.abs(np.array(sk) - ours.cpu().numpy()).max():.2e}")
    except Exception as e:  # noqa: BLE001
        log("skimage check skipped:", e)

    sets = {}
    results, grids = [], {}
    out_json = os.path.join(args.out, "quality_explore.json")

    def dump():
        with open(out_json, "w") as f:
            json.dump(dict(baseline_landscape=ev["l_base"], baseline_heldout=ev["h_base"], args=vars(args),
                           results=results, heldout_grids=grids), f, indent=1)

    bins_cache = {}
    first = True
    rate = None  # seconds per cost unit, measured (training + evaluation)
    for name in args.recipes.split(","):
        c, head, step, phases, over = RECIPES[name]
        if args.smoke:
            phases = [(max(64, n // 1000), cr) for n, cr in phases]
        est = rate * cost_units(c, phases) if rate else 0.0
        if time.time() - T0 + est > args.deadline:
            log(f"deadline: skipping {name} (estimated {est:.0f}s)")
            continue
        t_rec = time.time()
        lam = over.get("lam", args.lam)
        seed = over.get("seed", args.seed)
        if 128 not in sets:
            sets[128] = TrainSet(color, tr150, 128)
        data = sets[128]
        bins = None
        if head in ("cls", "combo"):
            if (step, lam) not in bins_cache:
                sub = F.avg_pool2d(data.ab, 4).permute(0, 2, 3, 1).reshape(-1, 2)
                b = bins_cache[(step, lam)] = Bins(color, step, sub, lam=lam)
                log(f"bins step {step} lambda {lam}: Q={b.q}  rebalance w in [{b.weights.min():.2f}, "
                    f"{b.weights.max():.2f}]")
            bins = bins_cache[(step, lam)]
        torch.manual_seed(seed)
        model = UNet(c, q=bins.q if bins else 0, reg=head in ("reg", "combo")).to(dev)
        if dev.type == "cuda":
            model = model.to(memory_format=torch.channels_last)
        nparam = sum(p.numel() for p in model.parameters())
        mac = macs(model, 128)
        regw = args.reg_w if head == "combo" else 1.0
        saved = args.reg_w
        args.reg_w = regw
        secs, losses = train(model, data, bins, phases, args, dev, seed)
        args.reg_w = saved
        seen = sum(n for n, _ in phases)
        log(f"{name}: params {nparam:,}  fwd MMAC@128 {mac / 1e6:.0f}  images {seen}  train {secs:.1f}s  "
            f"loss {losses[0][1]:.4f} -> {losses[-1][1]:.4f}")
        extra = dict(params=nparam, mmac128=round(mac / 1e6), images=seen, phases=phases, q=bins.q if bins else 0,
                     train_s=round(secs, 1), lam=lam if bins else None, seed=seed, width=c, head=head)
        sizes = [128] + ([int(s) for s in args.sizes.split(",") if s] if first else [])
        for s in sizes:
            res, rows = evaluate(name, model, bins, ev, s, dev, args, extra)
            results.extend(res)
            grids[f"{name}@{s}"] = rows
            dump()
        first = False
        if rate is None:
            rate = (time.time() - t_rec) / cost_units(c, phases)
        del model
        if dev.type == "cuda":
            torch.cuda.empty_cache()
    dump()
    log("wrote", out_json)
    # compact summary
    print("\nrecipe                       S   pick      luma   T     w    gain  PSNR   dPSNR  SSIM    dSSIM   CF    dCF  ok")
    for r in results:
        print(f"{r['recipe']:28s} {r['S']:3d} {r['pick']:9s} {r['luma']}  {str(r['T']):5s} {r['w']:4} {r['gain']:5} "
              f"{r['psnr']:6.2f} {r['dpsnr']:+5.2f}  {r['ssim']:.4f} {r['dssim']:+.4f} {r['cf']:5.1f} {r['dcf']:+5.1f} "
              f"{'Y' if r['meets'] else '-'}")


if __name__ == "__main__":
    sys.exit(main())
