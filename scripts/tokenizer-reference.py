"""Reference token counts for src/tokenizers (docs/providers.md, section tokenizers).

Hugging Face's Rust `tokenizers` over the text that transformers' apply_chat_template renders:
jinja2 with trim_blocks and lstrip_blocks, and tojson, strftime_now and raise_exception as
transformers defines them. Not part of tuneset; a check to run by hand:

  python -m venv /tmp/ref && /tmp/ref/bin/pip install tokenizers jinja2
  /tmp/ref/bin/python scripts/tokenizer-reference.py TOKENIZER_JSON TOKENIZER_CONFIG [TEMPLATE] EXAMPLES.jsonl

TOKENIZER_CONFIG gives bos_token/eos_token and, without TEMPLATE, the chat_template. Each line of
EXAMPLES.jsonl is a training example or {"id": ..., "example": ...}; prints `id<TAB>total` per line,
the same total as exampleCounter(id).countExample(example).total. Messages are given to the template
as `tuneset export` writes them (developer -> system, text parts joined by newlines, null content as "").
"""
import json
import sys
from datetime import datetime

import jinja2
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment
from tokenizers import Tokenizer


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def token_text(v):
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        return v.get("content", "")
    return ""


def message(m):
    out = {k: v for k, v in m.items() if k != "weight"}
    c = m.get("content")
    if isinstance(c, list):
        c = "\n".join(p["text"] for p in c if p.get("type") == "text")
    out["content"] = c if c is not None else ""
    if out["role"] == "developer":
        out["role"] = "system"
    return out


def main(argv):
    tok_path, cfg_path, *rest = argv
    template_path, examples = (rest[0], rest[1]) if len(rest) == 2 else (None, rest[0])
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: datetime.now().strftime(fmt)
    cfg = json.load(open(cfg_path, encoding="utf8"))
    source = open(template_path, encoding="utf8").read() if template_path else cfg["chat_template"]
    template = env.from_string(source)
    special = {"bos_token": token_text(cfg.get("bos_token")), "eos_token": token_text(cfg.get("eos_token"))}
    tok = Tokenizer.from_file(tok_path)

    def count(messages, tools):
        kw = {"tools": tools} if tools else {}
        text = template.render(messages=[message(m) for m in messages], add_generation_prompt=False, **special, **kw)
        return len(tok.encode(text, add_special_tokens=False).ids)

    for n, line in enumerate(open(examples, encoding="utf8")):
        if not line.strip():
            continue
        rec = json.loads(line)
        ex = rec.get("example", rec)
        name = rec.get("id", str(n + 1))
        if "input" in ex:
            inp = ex["input"]
            tools = inp.get("tools")
            total = max(count(inp["messages"] + ex["preferred_output"], tools), count(inp["messages"] + ex["non_preferred_output"], tools))
        else:
            total = count(ex["messages"], ex.get("tools"))
        print(f"{name}\t{total}")


if __name__ == "__main__":
    main(sys.argv[1:])
