"""Write and read a generated corpus as JSON Lines: newsmodel against stock cattrs, msgspec and pydantic v2.

The baselines read and write the very same file format (a header line, then one tagged record per
entity, body blocks and inlines tagged by ``"type"``) with msgspec Structs and pydantic v2 models
that mirror newsmodel's attrs types field for field (generated from them, so they cannot drift).
All three validate what they read: msgspec and pydantic check the JSON types (strict: no
coercion, aware datetimes, no unknown fields); newsmodel also runs every attrs validator.

Figures (one line each, with the ratio to msgspec measured in the same run):

* write: encode every record and write the file (plain, not gzip);
* read: parse and validate every line into typed objects (newsmodel: into a checked Corpus);
* memory: peak and retained traced memory (tracemalloc) while loading, in a fresh subprocess
  per library so that they do not share caches;
* corpus construction with every integrity check, from already-typed entities.

Every timing is taken with the garbage collector on (users' default) and then off, the same
setting on both sides of each ratio (``--gc``).  Reads are timed in this process and again in a
fresh process per library (``--no-fresh`` skips that): msgspec's read time depends on the heap.
``--json-summary PATH`` writes the ratios as rows ``{figure, target, measured, baseline}``.

Times are CPU seconds of this process (``time.process_time``, best of ``--repeat``): on a machine
shared with other work they are steadier than wall-clock time.

Run from the project root: ``.venv/bin/python benchmarks/bench_serialize.py`` (100,000 articles;
``--quick`` for 5,000; ``--articles N`` for any size).
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
import types
import typing
from collections.abc import Callable, Iterator
from functools import partial
from typing import Annotated, Any, Literal, Union

import attrs
import msgspec
import pydantic
from _summary import Summary

from newsmodel.sample import generate
from newsmodel.serialize import read_corpus, write_corpus
from newsmodel.serialize._convert import tag_of
from newsmodel.values import body as body_module
from newsmodel.values import model as model_module
from newsmodel.values.corpus import Corpus
from newsmodel.values.model import Extra

KINDS = {"author": model_module.Author, "category": model_module.Category, "tag": model_module.Tag}
KINDS["article"] = model_module.Article
KINDS["menu"] = model_module.Menu  # a site's navigation menus, as the corpus file holds them
UNIONS = {body_module.Block: "Block", body_module.Inline: "Inline"}


# --------------------------------------------------------------------------- mirrors


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) is Union or type(tp).__name__ == "UnionType"


class MsgspecMirror:
    """msgspec Structs generated field for field from the attrs classes."""

    def __init__(self) -> None:
        self.structs: dict[Any, Any] = {}
        self.tags: dict[type, str] = {}
        for union in UNIONS:
            for member in typing.get_args(union):
                self.tags[member] = tag_of(member)
        # Recursive types refer to each other by name, resolved in this module's namespace.
        self.module = types.ModuleType("bench_serialize_structs")
        sys.modules[self.module.__name__] = self.module
        for union, name in UNIONS.items():
            for member in typing.get_args(union):
                self._reach(member)
            setattr(self.module, name, Union[tuple(self.struct(m) for m in typing.get_args(union))])

    def type_of(self, tp: Any) -> Any:
        if tp in (str, int, bool, float, type(None)):
            return tp
        if tp is dt.datetime:
            return Annotated[dt.datetime, msgspec.Meta(tz=True)]
        if tp is Extra:
            return dict[str, Any]
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return tp
        if tp in UNIONS:
            return UNIONS[tp]
        if _is_union(tp):
            return Union[tuple(self.type_of(a) for a in typing.get_args(tp))]
        origin = typing.get_origin(tp)
        if origin is tuple:
            return tuple[self.type_of(typing.get_args(tp)[0]), ...]  # type: ignore[misc]
        if attrs.has(tp):
            return f"{tp.__name__}Struct"
        raise TypeError(tp)

    def struct(self, cls: type, kind: str | None = None) -> Any:
        key = (cls, kind)
        if key in self.structs:
            return self.structs[key]
        fields: list[Any] = []
        for f in attrs.fields(cls):
            tp = self.type_of(_hints(cls)[f.name])
            if f.default is attrs.NOTHING:
                fields.append((f.name, tp))
            elif isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
                fields.append((f.name, tp, msgspec.field(default_factory=dict)))
            else:
                default = f.default
                if isinstance(default, model_module.Permalinks):
                    fields.append((f.name, tp, msgspec.field(default_factory=lambda: None)))
                    continue
                fields.append((f.name, tp, default))
        tag = kind or self.tags.get(cls)
        struct = msgspec.defstruct(
            f"{cls.__name__}Struct",
            fields,
            module=self.module.__name__,
            kw_only=True,
            frozen=True,
            forbid_unknown_fields=True,
            tag_field="type" if tag else None,
            tag=tag if tag else None,
        )
        self.structs[key] = struct
        if kind is None:
            setattr(self.module, struct.__name__, struct)
        return struct

    def header(self) -> Any:
        self._reach(model_module.Site)
        return msgspec.defstruct(
            "HeaderStruct",
            [("format", str), ("version", int), ("site", "SiteStruct")],
            module=self.module.__name__,
            forbid_unknown_fields=True,
        )

    def records(self) -> Any:
        # Every struct the records reach must exist before the decoder resolves the names.
        for cls in KINDS.values():
            self._reach(cls)
        return Union[tuple(self.struct(cls, kind) for kind, cls in KINDS.items())]

    def _reach(self, cls: type) -> None:
        if (cls, None) in self.structs:
            return
        self.struct(cls)
        for tp in _hints(cls).values():
            for sub in _walk_types(tp):
                if attrs.has(sub):
                    self._reach(sub)


def _walk_types(tp: Any) -> Iterator[Any]:
    yield tp
    for arg in typing.get_args(tp):
        if arg is not Ellipsis:
            yield from _walk_types(arg)


class PydanticMirror:
    """pydantic v2 models (strict, extra fields forbidden) generated field for field from the attrs classes."""

    def __init__(self) -> None:
        self.models: dict[Any, Any] = {}
        self.tags: dict[type, str] = {}
        for union in UNIONS:
            for member in typing.get_args(union):
                self.tags[member] = tag_of(member)
        self.config = pydantic.ConfigDict(strict=True, extra="forbid", frozen=True)

    def type_of(self, tp: Any) -> Any:
        if tp in (str, int, bool, float, type(None)):
            return tp
        if tp is dt.datetime:
            return pydantic.AwareDatetime
        if tp is Extra:
            return dict[str, Any]
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return tp
        if tp in UNIONS:
            members = tuple(self.model(a) for a in typing.get_args(tp))
            return Annotated[Union[members], pydantic.Field(discriminator="type")]
        if _is_union(tp):
            return Union[tuple(self.type_of(a) for a in typing.get_args(tp))]
        if typing.get_origin(tp) is tuple:
            return tuple[self.type_of(typing.get_args(tp)[0]), ...]  # type: ignore[misc]
        if attrs.has(tp):
            return self.model(tp)
        raise TypeError(tp)

    def model(self, cls: type, kind: str | None = None) -> Any:
        key = (cls, kind)
        if key in self.models:
            return self.models[key]
        name = f"{cls.__name__}Model" + (kind or "")
        # Recursive unions: define a forward reference first, resolve after.
        self.models[key] = name
        fields: dict[str, Any] = {}
        tag = kind or self.tags.get(cls)
        if tag:
            fields["type"] = (Literal[tag], tag)
        for f in attrs.fields(cls):
            tp = self.type_of(_hints(cls)[f.name])
            if f.default is attrs.NOTHING:
                fields[f.name] = (tp, ...)
            elif isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
                fields[f.name] = (tp, pydantic.Field(default_factory=dict))
            elif isinstance(f.default, model_module.Permalinks):
                fields[f.name] = (tp, None)
            else:
                fields[f.name] = (tp, f.default)
        model = pydantic.create_model(name, __config__=self.config, **fields)
        self.models[key] = model
        return model

    def finish(self) -> None:
        ns = {m.__name__: m for m in self.models.values() if not isinstance(m, str)}
        for m in ns.values():
            m.model_rebuild(_types_namespace=ns)

    def header(self) -> Any:
        return pydantic.create_model(
            "HeaderModel",
            __config__=self.config,
            format=(str, ...),
            version=(int, ...),
            site=(self.model(model_module.Site), ...),
        )

    def records(self) -> Any:
        members = tuple(self.model(cls, kind) for kind, cls in KINDS.items())
        return Annotated[Union[members], pydantic.Field(discriminator="type")]


# --------------------------------------------------------------------------- the three libraries


def _lines(path: str) -> Iterator[bytes]:
    with open(path, "rb") as f:
        yield from f


class Newsmodel:
    name = "newsmodel"

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def write(self, path: str) -> None:
        write_corpus(self.corpus, path)

    def read(self, path: str) -> Any:
        return read_corpus(path)


class StockCattrs:
    """Stock cattrs configured in a few lines, as the issue that moved newsmodel onto cattrs proposed."""

    name = "cattrs"

    def __init__(self, corpus: Corpus | None) -> None:
        import cattrs
        from cattrs.strategies import configure_tagged_union

        def strict(tp: type) -> Callable[[Any, Any], Any]:
            def hook(v: Any, _: Any) -> Any:
                if v.__class__ is not tp:
                    raise TypeError(f"expected {tp.__name__}, got {v!r}")
                return v

            return hook

        def aware(v: Any, _: Any) -> dt.datetime:
            value = dt.datetime.fromisoformat(v)
            if value.tzinfo is None:
                raise ValueError(f"naive datetime {v!r}")
            return value

        c = cattrs.Converter(forbid_extra_keys=True, unstruct_collection_overrides={tuple: list})
        for tp in (str, int, bool):
            c.register_structure_hook(tp, strict(tp))
        c.register_structure_hook(dt.datetime, aware)
        c.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
        c.register_structure_hook(Extra, lambda v, _: Extra(v))
        c.register_unstructure_hook(Extra, lambda v: dict(v._data))
        c.register_unstructure_hook(model_module.ArticleStatus, lambda v: v.value)
        for union in (body_module.Inline, body_module.Block):
            configure_tagged_union(union, c, tag_generator=tag_of, tag_name="type")
        self.structure = {kind: partial(c.get_structure_hook(cls), _=cls) for kind, cls in KINDS.items()}
        self.unstructure = {cls: c.get_unstructure_hook(cls) for cls in KINDS.values()}
        self.site = c.get_structure_hook(model_module.Site)
        self.unstructure_site = c.get_unstructure_hook(model_module.Site)
        self.corpus = corpus
        self.encoder = msgspec.json.Encoder()
        self.decoder = msgspec.json.Decoder()

    def write(self, path: str) -> None:
        assert self.corpus is not None
        corpus = self.corpus
        records: list[Any] = [{"format": "newsmodel-corpus", "version": 1, "site": self.unstructure_site(corpus.site)}]
        for kind, group in (("author", corpus.authors), ("category", corpus.categories), ("tag", corpus.tags)):
            records += [{"type": kind, **self.unstructure[type(e)](e)} for e in group]
        records += [{"type": "article", **self.unstructure[model_module.Article](a)} for a in corpus.articles]
        records += [{"type": "menu", **self.unstructure[model_module.Menu](m)} for m in corpus.menus]
        with open(path, "wb") as f:
            for i in range(0, len(records), 256):
                f.write(self.encoder.encode_lines(records[i : i + 256]))

    def read(self, path: str) -> Any:
        lines = _lines(path)
        decode = self.decoder.decode
        header = decode(next(lines))
        site = self.site(header["site"], model_module.Site)
        out: dict[str, list[Any]] = {kind: [] for kind in KINDS}
        for line in lines:
            data = decode(line)
            kind = data.pop("type")
            out[kind].append(self.structure[kind](data))
        return Corpus(
            site=site,
            authors=out["author"],
            categories=out["category"],
            tags=out["tag"],
            articles=out["article"],
            menus=out["menu"],
        )


class Msgspec:
    name = "msgspec"

    def __init__(self, corpus: Corpus | None) -> None:
        mirror = MsgspecMirror()
        self.header_type = mirror.header()
        self.record_type = mirror.records()
        self.header_decoder = msgspec.json.Decoder(self.header_type)
        self.decoder = msgspec.json.Decoder(self.record_type)
        self.encoder = msgspec.json.Encoder()
        self.values: list[Any] = []
        if corpus is not None:
            # The same data as typed Structs (made before timing: a user of msgspec has them).
            text = _corpus_lines(corpus)
            self.values = [self.header_decoder.decode(text[0])] + [self.decoder.decode(line) for line in text[1:]]

    def write(self, path: str) -> None:
        encode = self.encoder.encode
        with open(path, "wb") as f:
            batch: list[bytes] = []
            for value in self.values:
                batch.append(encode(value))
                if len(batch) >= 256:
                    f.write(b"\n".join(batch) + b"\n")
                    batch.clear()
            if batch:
                f.write(b"\n".join(batch) + b"\n")

    def read(self, path: str) -> Any:
        lines = _lines(path)
        header = self.header_decoder.decode(next(lines))
        decode = self.decoder.decode
        records = [decode(line) for line in lines]
        return header, records


class Pydantic:
    name = "pydantic"

    def __init__(self, corpus: Corpus | None) -> None:
        mirror = PydanticMirror()
        header_model = mirror.header()
        records = mirror.records()
        mirror.finish()
        header_model.model_rebuild()
        self.header_adapter = pydantic.TypeAdapter(header_model)
        self.adapter = pydantic.TypeAdapter(records)
        self.values: list[Any] = []
        if corpus is not None:
            text = _corpus_lines(corpus)
            self.values = [self.header_adapter.validate_json(text[0])] + [
                self.adapter.validate_json(line) for line in text[1:]
            ]

    def write(self, path: str) -> None:
        with open(path, "wb") as f:
            batch: list[bytes] = [self.header_adapter.dump_json(self.values[0])]
            dump = self.adapter.dump_json
            for value in self.values[1:]:
                batch.append(dump(value))
                if len(batch) >= 256:
                    f.write(b"\n".join(batch) + b"\n")
                    batch.clear()
            if batch:
                f.write(b"\n".join(batch) + b"\n")

    def read(self, path: str) -> Any:
        lines = _lines(path)
        header = self.header_adapter.validate_json(next(lines))
        validate = self.adapter.validate_json
        records = [validate(line) for line in lines]
        return header, records


def _corpus_lines(corpus: Corpus) -> list[bytes]:
    fd, path = tempfile.mkstemp(suffix=".jsonl")
    os.close(fd)
    try:
        write_corpus(corpus, path)
        with open(path, "rb") as f:
            return f.read().splitlines()
    finally:
        os.unlink(path)


# --------------------------------------------------------------------------- measuring


def best_of(repeat: int, fn: Callable[[], Any], *, collector: bool = True) -> float:
    """Best CPU time of ``repeat`` calls, with the garbage collector on (users' default) or off."""
    best = float("inf")
    was = gc.isenabled()
    for _ in range(repeat):
        gc.collect()
        if not collector:
            gc.disable()
        try:
            start = time.process_time()
            result = fn()
            elapsed = time.process_time() - start
        finally:
            if was:
                gc.enable()
        del result
        best = min(best, elapsed)
    return best


def _library(name: str, corpus: Corpus | None) -> Any:
    return {"newsmodel": Newsmodel, "msgspec": Msgspec, "pydantic": Pydantic, "cattrs": StockCattrs}[name](corpus)


def read_child(library: str, path: str, collector: str, repeat: int) -> None:
    """In a fresh process (a small heap): the best CPU time of reading ``path`` with ``library``."""
    print(
        json.dumps(
            {"seconds": best_of(repeat, partial(_library(library, None).read, path), collector=collector == "on")}
        )
    )


def measure_fresh(library: str, path: str, collector: str, repeat: int) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--read-child", library, path, collector, str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def memory_child(library: str, path: str) -> None:
    """In a fresh process: load ``path`` with ``library`` under tracemalloc; print peak and retained bytes."""
    loader = _library(library, None)
    gc.collect()
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    loaded = loader.read(path)
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"peak": peak - base, "retained": current - base}))
    del loaded


def measure_memory(library: str, path: str) -> dict[str, int]:
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", library, path],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100_000, help="articles to generate (default 100,000)")
    parser.add_argument("--quick", action="store_true", help="5,000 articles, one repetition")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for each timing (default 3)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory figures")
    parser.add_argument(
        "--gc", choices=("on", "off", "both"), default="both", help="collector setting (default both, on first)"
    )
    parser.add_argument("--no-fresh", action="store_true", help="skip the fresh-process read figures")
    parser.add_argument(
        "--json-summary", metavar="PATH", help="also write the ratios as JSON rows {figure, target, measured, baseline}"
    )
    parser.add_argument("--read-child", nargs=4, metavar=("LIBRARY", "PATH", "GC", "REPEAT"), help=argparse.SUPPRESS)
    parser.add_argument("--memory-child", nargs=2, metavar=("LIBRARY", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.read_child:
        library, path, collector, count = args.read_child
        read_child(library, path, collector, int(count))
        return 0
    if args.memory_child:
        memory_child(*args.memory_child)
        return 0
    n = 5_000 if args.quick else args.articles
    repeat = 1 if args.quick else args.repeat

    start = time.perf_counter()
    corpus = generate(articles=n)
    print(f"generated {len(corpus.articles):,} articles in {time.perf_counter() - start:.1f} s", flush=True)

    libraries: list[Any] = [Newsmodel(corpus), StockCattrs(corpus), Msgspec(corpus), Pydantic(corpus)]
    tmp = tempfile.mkdtemp(prefix="bench_serialize_")
    paths = {lib.name: os.path.join(tmp, f"{lib.name}.jsonl") for lib in libraries}
    rows: list[dict[str, Any]] = []
    targets = {"write": 1.3, "read": 2.0}
    # The same collector setting on both sides of every ratio; users' default (on) first.
    settings = ["on", "off"] if args.gc == "both" else [args.gc]
    try:
        for collector in settings:
            on = collector == "on"
            writes = {lib.name: best_of(repeat, partial(lib.write, paths[lib.name]), collector=on) for lib in libraries}
            sizes = {name: os.path.getsize(p) for name, p in paths.items()}
            base = writes["msgspec"]
            for name, seconds in writes.items():
                print(
                    f"write {n:,} articles  gc {collector:<3}  {name:<9} {seconds:7.3f} s  {sizes[name] / 1e6:7.1f} MB"
                    f"  {seconds / base:5.2f}x msgspec  (target newsmodel <= 1.3x)",
                    flush=True,
                )
                rows.append(
                    {
                        "figure": f"write {name}/msgspec, gc {collector}",
                        "target": targets["write"] if name == "newsmodel" else None,
                        "measured": round(seconds / base, 3),
                        "baseline": "msgspec",
                    }
                )
            reads = {
                lib.name: best_of(repeat, partial(lib.read, paths["newsmodel"]), collector=on) for lib in libraries
            }
            base = reads["msgspec"]
            for name, seconds in reads.items():
                print(
                    f"read  {n:,} articles  gc {collector:<3}  {name:<9} {seconds:7.3f} s"
                    f"  {seconds / base:5.2f}x msgspec"
                    "  (target newsmodel <= 2x; same run)",
                    flush=True,
                )
                rows.append(
                    {
                        "figure": f"read {name}/msgspec, gc {collector}, same process",
                        "target": targets["read"] if name == "newsmodel" else None,
                        "measured": round(seconds / base, 3),
                        "baseline": "msgspec",
                    }
                )
            if not args.no_fresh:
                # msgspec's read time depends on what else is in the heap: each library alone, too.
                fresh = {lib.name: measure_fresh(lib.name, paths["newsmodel"], collector, repeat) for lib in libraries}
                base = fresh["msgspec"]
                for name, seconds in fresh.items():
                    print(
                        f"read  {n:,} articles  gc {collector:<3}  {name:<9} {seconds:7.3f} s"
                        f"  {seconds / base:5.2f}x msgspec"
                        "  (target newsmodel <= 2x; fresh process)",
                        flush=True,
                    )
                    rows.append(
                        {
                            "figure": f"read {name}/msgspec, gc {collector}, fresh process",
                            "target": targets["read"] if name == "newsmodel" else None,
                            "measured": round(seconds / base, 3),
                            "baseline": "msgspec",
                        }
                    )
        if not args.no_memory:
            mem = {lib.name: measure_memory(lib.name, paths["newsmodel"]) for lib in libraries}
            base_peak, base_kept = mem["msgspec"]["peak"], mem["msgspec"]["retained"]
            for name, m in mem.items():
                print(
                    f"memory of the loaded corpus  {name:<9} retained {m['retained'] / 1e6:7.1f} MB"
                    f" ({m['retained'] / base_kept:4.2f}x msgspec), peak {m['peak'] / 1e6:7.1f} MB"
                    f" ({m['peak'] / base_peak:4.2f}x msgspec)  (target newsmodel <= 1.2x)",
                    flush=True,
                )

        def construct_corpus() -> Corpus:
            return Corpus(
                site=corpus.site,
                authors=corpus.authors,
                categories=corpus.categories,
                tags=corpus.tags,
                articles=corpus.articles,
            )

        def index_by_id() -> list[dict[str, Any]]:
            groups: list[tuple[Any, ...]] = [corpus.authors, corpus.categories, corpus.tags, corpus.articles]
            return [{e.id: e for e in group} for group in groups]

        construct = best_of(repeat, construct_corpus)
        rows.append(
            {"figure": "corpus construction (s)", "target": 2.0, "measured": round(construct, 3), "baseline": None}
        )
        floor = best_of(repeat, index_by_id)
        print(
            f"corpus construction, all integrity checks, {n:,} articles  {construct:6.3f} s"
            f"  ({construct / floor:4.1f}x indexing by id alone; target under 2 s)",
            flush=True,
        )
        summary = Summary("bench_serialize.py")  # the rows run_all.py reads: every value a string
        for row in rows:
            summary.add(
                str(row["figure"]),
                str(row["measured"]),
                target="" if row["target"] is None else str(row["target"]),
                baseline="" if row["baseline"] is None else str(row["baseline"]),
            )
        summary.write(args.json_summary)
    finally:
        for p in paths.values():
            if os.path.exists(p):
                os.unlink(p)
        os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
