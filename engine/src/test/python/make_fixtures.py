#!/usr/bin/python3
"""Writes the PyTorch reference fixtures the engine's parity tests compare against.

Run with Debian's PyTorch 1.13 (apt-get install -y python3-torch):
    /usr/bin/python3 engine/src/test/python/make_fixtures.py engine/src/test/resources/fixtures

Each fixture is a text file of lines `name dims values...` (dims comma-separated, values as float32
printed with 9 significant digits) plus `#key=value` configuration lines. Tensors use PyTorch's own
names and layouts; inputs are batch-first [B, T, I] and zero beyond each sequence's length.

Fixtures per case (cell x layers x directions):
  - out_m2o: head applied to the final hidden state(s) (h_n of the last layer, both directions)
  - out_m2m: head applied at every step of the padded output (zeros past each length)
  - grad_m2o.*: gradients of MSE(out_m2o, y_m2o)
  - grad_m2m.*: gradients of the MSE over valid steps only, against y_m2m
Adam fixtures: weights after 20 Adam steps (lr 1e-2) on one fixed batch, many-to-one MSE.
"""
import os
import sys

import torch

torch.set_default_dtype(torch.float32)
OUT = sys.argv[1] if len(sys.argv) > 1 else "fixtures"
os.makedirs(OUT, exist_ok=True)


def fmt(name, t):
    t = t.detach().to(torch.float32).contiguous()
    dims = ",".join(str(d) for d in t.shape) if t.dim() > 0 else "1"
    vals = " ".join("%.9g" % v for v in t.reshape(-1).tolist())
    return f"{name} {dims} {vals}\n"


class Net(torch.nn.Module):
    def __init__(self, cell, inp, hidden, layers, bidir, out):
        super().__init__()
        kw = dict(batch_first=True, bidirectional=bidir)
        if cell == "lstm":
            self.rnn = torch.nn.LSTM(inp, hidden, layers, **kw)
        elif cell == "gru":
            self.rnn = torch.nn.GRU(inp, hidden, layers, **kw)
        else:
            self.rnn = torch.nn.RNN(inp, hidden, layers, nonlinearity="relu" if cell == "rnn_relu" else "tanh", **kw)
        self.dirs = 2 if bidir else 1
        self.head = torch.nn.Linear(hidden * self.dirs, out)

    def forward(self, x, lengths):
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        out, hn = self.rnn(packed)
        if isinstance(hn, tuple):
            hn = hn[0]
        padded, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
        final = torch.cat([hn[-self.dirs + d] for d in range(self.dirs)], dim=1)
        return self.head(final), self.head(padded)


def make_input(b, t, i, lengths, gen):
    x = torch.randn(b, t, i, generator=gen)
    for r, n in enumerate(lengths):
        x[r, n:, :] = 0
    return x


def parity_case(cell, layers, bidir, seed):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    inp, hidden, out, b, t = 3, 5, 2, 4, 7
    lengths = [7, 5, 7, 2]
    net = Net(cell, inp, hidden, layers, bidir, out)
    with torch.no_grad():  # larger weights than the default init, to exercise the nonlinearities
        for p in net.parameters():
            p.mul_(1.5)
    x = make_input(b, t, inp, lengths, gen)
    y_m2o = torch.randn(b, out, generator=gen)
    y_m2m = torch.randn(b, t, out, generator=gen)
    mask = torch.zeros(b, t, 1)
    for r, n in enumerate(lengths):
        mask[r, :n] = 1
    lines = [f"#cell={cell}\n#layers={layers}\n#bidirectional={str(bidir).lower()}\n#input={inp}\n"
             f"#hidden={hidden}\n#output={out}\n"]
    lines.append(fmt("input", x))
    lines.append(fmt("lengths", torch.tensor(lengths, dtype=torch.float32)))
    lines.append(fmt("y_m2o", y_m2o))
    lines.append(fmt("y_m2m", y_m2m))
    for n, p in net.named_parameters():
        lines.append(fmt(n, p))
    o1, o2 = net(x, lengths)
    lines.append(fmt("out_m2o", o1))
    lines.append(fmt("out_m2m", o2 * mask))
    net.zero_grad()
    torch.nn.functional.mse_loss(o1, y_m2o).backward()
    for n, p in net.named_parameters():
        lines.append(fmt("grad_m2o." + n, p.grad))
    net.zero_grad()
    o1, o2 = net(x, lengths)
    loss = (((o2 - y_m2m) ** 2) * mask).sum() / (mask.sum() * out)
    loss.backward()
    for n, p in net.named_parameters():
        lines.append(fmt("grad_m2m." + n, p.grad))
    name = f"{cell}_l{layers}_{'bi' if bidir else 'uni'}.txt"
    with open(os.path.join(OUT, name), "w") as f:
        f.writelines(lines)


def adam_case(cell, seed):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    inp, hidden, layers, out, b, t = 2, 8, 2, 3, 6, 10
    lengths = [t] * b
    net = Net(cell, inp, hidden, layers, False, out)
    x = make_input(b, t, inp, lengths, gen)
    y = torch.randn(b, out, generator=gen)
    lines = [f"#cell={cell}\n#layers={layers}\n#bidirectional=false\n#input={inp}\n#hidden={hidden}\n"
             f"#output={out}\n#steps=20\n#lr=0.01\n"]
    lines.append(fmt("input", x))
    lines.append(fmt("lengths", torch.tensor(lengths, dtype=torch.float32)))
    lines.append(fmt("y_m2o", y))
    for n, p in net.named_parameters():
        lines.append(fmt(n, p))
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    for _ in range(20):
        opt.zero_grad()
        o1, _ = net(x, lengths)
        torch.nn.functional.mse_loss(o1, y).backward()
        opt.step()
    for n, p in net.named_parameters():
        lines.append(fmt("after." + n, p))
    with open(os.path.join(OUT, f"adam_{cell}.txt"), "w") as f:
        f.writelines(lines)


seed = 1
for cell in ("rnn_tanh", "rnn_relu", "lstm", "gru"):
    for layers in (1, 2, 3):
        for bidir in (False, True):
            parity_case(cell, layers, bidir, seed)
            seed += 1
for cell in ("rnn_tanh", "lstm", "gru"):
    adam_case(cell, 100 + seed)
    seed += 1
print("fixtures written to", OUT)
