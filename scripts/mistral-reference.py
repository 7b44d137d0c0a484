"""Reference token counts for the `mistral-tekken-v3` tokenizer (docs/providers.md, section tokenizers).

mistral-common, Mistral's reference implementation, in finetuning mode: each example becomes a
ChatCompletionRequest (messages as `tuneset export` writes them: developer -> system, text parts
joined by newlines, an assistant message with a weight as FinetuningAssistantMessage) and is
encoded by MistralTokenizer.from_file(tekken_240718.json) -- the v3 tekken tokenizer that
mistral-common gives ministral-8b-2410 and open-mistral-nemo-2407. Not part of tuneset; a check to
run by hand:

  python -m venv /tmp/mistref && /tmp/mistref/bin/pip install mistral-common
  /tmp/mistref/bin/python scripts/mistral-reference.py EXAMPLES.jsonl

Each line of EXAMPLES.jsonl is a training example or {"id": ..., "example": ...}; prints
`id<TAB>total` per line (the total as exampleCounter('mistral-tekken-v3').countExample(example)
gives it: for DPO the input with the longer output), or `id<TAB>refused<TAB>message` when
mistral-common refuses the example.
"""
import json
import os
import sys

import mistral_common
from mistral_common.protocol.instruct.messages import (
    AssistantMessage,
    FinetuningAssistantMessage,
    SystemMessage,
    ToolMessage,
    UserMessage,
)
from mistral_common.protocol.instruct.request import ChatCompletionRequest
from mistral_common.protocol.instruct.tool_calls import FunctionCall, Tool, ToolCall
from mistral_common.protocol.instruct.validator import ValidationMode
from mistral_common.tokens.tokenizers.mistral import MistralTokenizer


def text(content):
    if isinstance(content, list):
        return "\n".join(p["text"] for p in content if p.get("type") == "text")
    return content


def message(m):
    role = "system" if m["role"] == "developer" else m["role"]
    content = text(m.get("content"))
    if role == "system":
        return SystemMessage(content=content)
    if role == "user":
        return UserMessage(content=content)
    if role == "tool":
        return ToolMessage(content=content, tool_call_id=m.get("tool_call_id"))
    calls = [
        ToolCall(id=c["id"], function=FunctionCall(name=c["function"]["name"], arguments=c["function"]["arguments"]))
        for c in m.get("tool_calls") or []
    ] or None
    if "weight" in m:
        return FinetuningAssistantMessage(content=content or None, tool_calls=calls, weight=m["weight"])
    return AssistantMessage(content=content or None, tool_calls=calls)


def count(tok, messages, tools):
    request = ChatCompletionRequest(
        messages=[message(m) for m in messages],
        tools=[Tool(**t) for t in tools] if tools else None,
    )
    return len(tok.encode_chat_completion(request).tokens)


def main(argv):
    data = os.path.join(os.path.dirname(mistral_common.__file__), "data", "tekken_240718.json")
    tok = MistralTokenizer.from_file(data, mode=ValidationMode.finetuning)
    for n, line in enumerate(open(argv[0], encoding="utf8")):
        if not line.strip():
            continue
        row = json.loads(line)
        ident, example = (row["id"], row["example"]) if "example" in row else (str(n + 1), row)
        try:
            if "input" in example:
                inp = example["input"]
                total = max(
                    count(tok, inp["messages"] + example["preferred_output"], inp.get("tools")),
                    count(tok, inp["messages"] + example["non_preferred_output"], inp.get("tools")),
                )
            else:
                total = count(tok, example["messages"], example.get("tools"))
            print(f"{ident}\t{total}")
        except Exception as error:  # mistral-common refuses the example: say why
            print(f"{ident}\trefused\t{type(error).__name__}: {str(error).splitlines()[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
