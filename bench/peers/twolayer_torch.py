"""The book's two-layer network and training loop in PyTorch on the CPU, for measuring.

Our own script, the same network and loop as twolayer_numpy.py written the
way a PyTorch user would: float32 tensors, `nn.Linear` layers initialized as
the book (W ~ 0.01 * N(0, 1), biases 0), autograd for the gradient,
`torch.optim.SGD` for the update. The loss is `F.cross_entropy` (log-softmax
then the mean over the batch of -ln y[n, t_n]); it needs no 1e-7 inside the
log, since log-softmax never takes ln 0. After each update the loss of the
batch is recorded, as the book's loop does (one more forward pass).

    python3 bench/peers/twolayer_torch.py --data-dir ../shared/mnist
    python3 bench/peers/twolayer_torch.py --data-dir ../shared/mnist --scaling --json
"""

import json
import os
import sys
import time

import peer_cli

# Imported in main(), after the flags, so that a missing package gets a
# one-line hint instead of a traceback.
np = None
torch = None


def two_layer_net(hidden_size, activation):
    """784 -> hidden (sigmoid or ReLU) -> 10 scores; x: (N, 784) -> (N, 10)."""
    nn = torch.nn
    model = nn.Sequential(
        nn.Linear(784, hidden_size),
        nn.Sigmoid() if activation == "sigmoid" else nn.ReLU(),
        nn.Linear(hidden_size, 10),
    )
    with torch.no_grad():
        for affine in (model[0], model[2]):
            nn.init.normal_(affine.weight, mean=0.0, std=0.01)
            nn.init.zeros_(affine.bias)
    return model


def load(args):
    """MNIST as float32 tensors: x (N, 784) in [0, 1], t (N,) int64 labels."""
    start = time.perf_counter()
    train_images, train_labels, test_images, test_labels = peer_cli.load_mnist(args.data_dir)

    def tensors(images, labels):
        x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32)) / 255.0
        t = torch.from_numpy(labels.astype(np.int64))
        return x, t

    data = tensors(train_images, train_labels) + tensors(test_images, test_labels)
    return data, time.perf_counter() - start


def make_step(model, optimizer, x_train, t_train, batch_size, losses):
    """The book's step on `model`: draw a batch, backprop, SGD update, then
    record the loss of the batch in `losses` (one more forward pass)."""
    cross_entropy = torch.nn.functional.cross_entropy
    train_size = x_train.shape[0]

    def step():
        batch_mask = torch.randint(0, train_size, (batch_size,))
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        optimizer.zero_grad()
        cross_entropy(model(x_batch), t_batch).backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(cross_entropy(model(x_batch), t_batch).item())  # as the book

    return step


def make_evaluate(model, data):
    """`evaluate()` -> (train accuracy, test accuracy) of `model` on the full sets."""
    x_train, t_train, x_test, t_test = data

    def accuracy(x, t):
        return (model(x).argmax(dim=1) == t).sum().item() / len(t)

    def evaluate():
        with torch.no_grad():
            return accuracy(x_train, t_train), accuracy(x_test, t_test)

    return evaluate


def train_once(args, data):
    """One run of the book's loop; returns its figures."""
    torch.manual_seed(args.seed)
    model = two_layer_net(args.hidden, args.activation)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
    train_loss_list = []
    step = make_step(model, optimizer, data[0], data[1], args.batch_size, train_loss_list)
    return peer_cli.train(args, data[0].shape[0], step, make_evaluate(model, data))


def scaling(args, data):
    """One step per (hidden, batch) cell and one evaluation pass per hidden
    size, each at every thread count, the fastest kept (`--scaling`)."""
    steps, evaluations = [], []
    for hidden in args.hidden_sizes:
        torch.manual_seed(args.seed)
        model = two_layer_net(hidden, args.activation)
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
        for batch in args.batch_sizes:
            losses = []
            step = make_step(model, optimizer, data[0], data[1], batch, losses)
            seconds = at_each_thread_count(args, lambda n: [step() for _ in range(n)])
            steps.append(peer_cli.fastest({"hidden": hidden, "batch": batch}, seconds))
            losses.clear()
            print(f"hidden {hidden}, batch {batch}: one step, seconds {seconds}", flush=True)
        evaluate = make_evaluate(model, data)
        seconds = at_each_thread_count(args, lambda n: [evaluate() for _ in range(n)])
        evaluations.append(peer_cli.fastest({"hidden": hidden}, seconds))
        print(f"hidden {hidden}: one evaluation pass, seconds {seconds}", flush=True)
    return steps, evaluations


def at_each_thread_count(args, run):
    """{threads: median seconds per call of run(n)} at each --thread-counts."""
    seconds = {}
    for threads in args.thread_counts:
        torch.set_num_threads(threads)
        seconds[threads] = peer_cli.time_per_call(run, args.min_time)
    return seconds


def main():
    args = peer_cli.parse_args(
        "The book's two-layer network on MNIST in PyTorch on the CPU (our script, for measuring).",
        scaling_mode=True,
    )
    global np, torch
    np = peer_cli.require("numpy")
    torch = peer_cli.require("torch")
    torch.set_num_threads(args.threads or os.cpu_count())

    data, load_s = load(args)
    threads = torch.get_num_threads()
    versions = {"numpy": np.__version__, "torch": torch.__version__}
    head = peer_cli.head("torch", versions, threads, load_s, args)
    head["dtype"] = "float32"
    versions_text = f"python {head['python']}, numpy {np.__version__}, torch {torch.__version__}"
    threads_text = f"{threads} (torch.set_num_threads)"

    if args.scaling:
        steps, evaluations = scaling(args, data)
        record = dict(
            peer="torch",
            python=head["python"],
            numpy=np.__version__,
            torch=torch.__version__,
            dtype="float32",
            thread_counts=args.thread_counts,
            min_time_s=args.min_time,
            steps=steps,
            evaluations=evaluations,
        )
        if args.json:
            print(json.dumps(record), flush=True)
        return

    runs = [train_once(args, data) for _ in range(args.repeat)]
    record = dict(head, **peer_cli.median_of(runs))
    sizes = (len(data[0]), len(data[2]))
    rows = peer_cli.training_rows(record, args, sizes, versions_text, threads_text)
    peer_cli.report(record, runs, "total_s", rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
