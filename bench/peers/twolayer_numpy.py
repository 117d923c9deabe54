"""The book's two-layer network and training loop in NumPy, for measuring.

Our own re-implementation of Deep Learning from Scratch ch. 4-5 (written
here, not the book's code), kept to the book's algorithm and number types:
weights float64, W ~ 0.01 * N(0, 1), biases 0; images x / 255 stored as
float32 like the book's loader, so every product runs in float64 (NumPy
upcasts); batches drawn with replacement; SGD; after each update the loss
of the batch is recorded, as the book's loop does (one more forward pass).

    python3 bench/peers/twolayer_numpy.py --data-dir ../shared/mnist
    python3 bench/peers/twolayer_numpy.py --data-dir ../shared/mnist --numerical-gradient-call
"""

import os
import sys
import time

import peer_cli

# Imported in main(), after the flags: --threads must reach OpenBLAS before
# NumPy loads it, and a missing NumPy gets a one-line hint.
np = None


class Affine:
    """y = x @ W + b; x: (N, in), W: (in, out), b: (out,) -> y: (N, out).

    Backward: dW = x.T @ dout, db = sum over N of dout, dx = dout @ W.T.
    W and b are the network's arrays, so an in-place update reaches them.
    """

    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = self.dW = self.db = None

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class Sigmoid:
    """y = 1 / (1 + exp(-x)); backward dx = dout * y * (1 - y), caching y."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = 1.0 / (1.0 + np.exp(-x))
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


class Relu:
    """y = max(0, x); backward passes dout where x > 0, caching the mask."""

    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout = dout.copy()
        dout[self.mask] = 0
        return dout


def softmax(a):
    """Row-wise softmax of scores a: (N, C); subtracts each row's max first
    so that exp cannot overflow."""
    a = a - a.max(axis=1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy_error(y, t):
    """y: (N, C) probabilities, t: (N,) labels -> mean over N of
    -ln(y[n, t_n] + 1e-7) (the book's one-hot sum, read at the label)."""
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n


class SoftmaxWithLoss:
    """Softmax then cross-entropy; backward dx = (y - onehot(t)) / N."""

    def __init__(self):
        self.y = self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        return cross_entropy_error(self.y, t)

    def backward(self):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1.0
        return dx / n


class TwoLayerNet:
    """Affine - sigmoid (or ReLU) - Affine - softmax with loss (ch. 5)."""

    def __init__(self, input_size, hidden_size, output_size, activation, rng, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * rng.standard_normal((input_size, hidden_size)),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * rng.standard_normal((hidden_size, output_size)),
            "b2": np.zeros(output_size),
        }
        hidden_layer = Sigmoid() if activation == "sigmoid" else Relu()
        self.layers = [
            Affine(self.params["W1"], self.params["b1"]),
            hidden_layer,
            Affine(self.params["W2"], self.params["b2"]),
        ]
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        """Scores (N, 10) before softmax; x: (N, 784)."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        """Share of rows whose highest score is at the label; t: (N,)."""
        return float(np.mean(self.predict(x).argmax(axis=1) == t))

    def gradient(self, x, t):
        """Backprop: forward, then each layer's backward in reverse order."""
        self.loss(x, t)
        dout = self.last_layer.backward()
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        first, _, second = self.layers
        return {"W1": first.dW, "b1": first.db, "W2": second.dW, "b2": second.db}

    def numerical_gradient(self, x, t):
        """The slow reference: the central difference of the loss at every
        parameter (2 * 39,760 forward passes for 784-50-10)."""
        loss_w = lambda _: self.loss(x, t)  # noqa: E731 - reads the params in place
        return {key: numerical_gradient(loss_w, param) for key, param in self.params.items()}


def numerical_gradient(f, x, h=1e-4):
    """grad[i] = (f(x + h e_i) - f(x - h e_i)) / 2h at every element i of x.

    Visits x with np.nditer as the book does, changing one element in place
    and restoring it before the next.
    """
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        saved = float(x[idx])
        x[idx] = saved + h
        f_plus = f(x)
        x[idx] = saved - h
        f_minus = f(x)
        grad[idx] = (f_plus - f_minus) / (2 * h)
        x[idx] = saved
        it.iternext()
    return grad


def load(args):
    """MNIST as the book's normalize=True: (N, 784) float32 in [0, 1], labels (N,)."""
    start = time.perf_counter()
    train_images, t_train, test_images, t_test = peer_cli.load_mnist(args.data_dir)
    x_train = train_images.reshape(len(train_images), -1).astype(np.float32) / np.float32(255.0)
    x_test = test_images.reshape(len(test_images), -1).astype(np.float32) / np.float32(255.0)
    data = (x_train, t_train.astype(np.intp), x_test, t_test.astype(np.intp))
    return data, time.perf_counter() - start


def train_once(args, data):
    """One run of the book's loop; returns its figures."""
    x_train, t_train, x_test, t_test = data
    train_size = x_train.shape[0]
    rng = np.random.default_rng(args.seed)
    network = TwoLayerNet(784, args.hidden, 10, args.activation, rng)
    train_loss_list = []

    def step():
        batch_mask = rng.integers(0, train_size, args.batch_size)  # np.random.choice(train_size, batch_size)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= args.lr * grad[key]
        train_loss_list.append(network.loss(x_batch, t_batch))  # the book records it: one more forward

    def evaluate():
        return network.accuracy(x_train, t_train), network.accuracy(x_test, t_test)

    return peer_cli.train(args, train_size, step, evaluate)


def numerical_calls(args, data):
    """Times `--repeat` numerical gradients of a fresh network on one batch.

    Returns the per-call figures and the largest |numerical - backprop| of
    each parameter, which checks the backprop of this script.
    """
    x_train, t_train = data[0], data[1]
    rng = np.random.default_rng(args.seed)
    network = TwoLayerNet(784, args.hidden, 10, args.activation, rng)
    batch_mask = rng.integers(0, x_train.shape[0], args.batch_size)
    x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
    backprop = network.gradient(x_batch, t_batch)
    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        numerical = network.numerical_gradient(x_batch, t_batch)
        seconds = time.perf_counter() - start
        print(f"numerical gradient call: {seconds:.2f} s", flush=True)
        runs.append({"numerical_gradient_call_s": seconds})
    diff = {key: float(np.abs(numerical[key] - backprop[key]).max()) for key in numerical}
    return runs, diff


def numerical_main(args, data, head, versions_text, threads_text):
    """The `--numerical-gradient-call` mode: time it, check it, report."""
    runs, diff = numerical_calls(args, data)
    record = dict(head, **peer_cli.median_of(runs), max_abs_diff=diff)
    for unused in ("lr", "iters"):
        del record[unused]
    count = args.hidden * (784 + 1) + 10 * (args.hidden + 1)
    rows = [
        ("network", f"784-{args.hidden}-10 {args.activation}, one batch of {args.batch_size}, seed {args.seed}"),
        ("load", f"{head['load_s']:.2f} s"),
        ("numerical gradient", f"{record['numerical_gradient_call_s']:.2f} s per call "
                               f"({count:,} parameters, {2 * count:,} losses)"),
        ("max |numerical - backprop|", ", ".join(f"{key} {value:.1e}" for key, value in diff.items())),
        ("versions", versions_text),
        ("threads", threads_text),
    ]
    peer_cli.report(record, runs, "numerical_gradient_call_s", rows, args.json)


def blas_name():
    """The BLAS NumPy was built with, as NumPy reports it."""
    try:
        return np.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
    except (TypeError, KeyError):
        return "unknown BLAS"


def main():
    args = peer_cli.parse_args(
        "The book's two-layer network on MNIST in NumPy float64 (our re-implementation, for measuring).",
        numerical_mode=True,
    )
    if args.threads:
        for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[variable] = str(args.threads)
    threads = args.threads or int(os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS") or os.cpu_count())
    global np
    np = peer_cli.require("numpy")

    data, load_s = load(args)
    versions = {"numpy": np.__version__}
    head = peer_cli.head("numpy", versions, threads, load_s, args)
    head["dtype"] = "float64"
    versions_text = f"python {head['python']}, numpy {np.__version__}"
    threads_text = f"{threads} ({blas_name()})"

    if args.numerical_gradient_call:
        numerical_main(args, data, head, versions_text, threads_text)
        return

    runs = [train_once(args, data) for _ in range(args.repeat)]
    record = dict(head, **peer_cli.median_of(runs))
    sizes = (len(data[0]), len(data[2]))
    rows = peer_cli.training_rows(record, args, sizes, versions_text, threads_text)
    peer_cli.report(record, runs, "total_s", rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
