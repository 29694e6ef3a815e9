#!/usr/bin/env bash
# Regenerates every prompt in sounds/<lang>/ from eng/prompts/texts.tsv, and the table in docs/prompts.md.
# Each prompt is spoken by espeak-ng, trimmed, normalised and written in the formats Asterisk plays
# without transcoding: .wav (8 kHz, 16-bit, mono), .ulaw, .alaw, .gsm (sox) and .g722 (16 kHz, ffmpeg).
# The generated files are committed, so users need none of these tools.
#
#   bash eng/make-prompts.sh          every language in the table
#   bash eng/make-prompts.sh de fr    only these folders
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
table="$repo/eng/prompts/texts.tsv"
# The prompt names are the table's column headers after folder and voice.
IFS=$'\t' read -r -a header < <(grep -m1 $'^folder\t' "$table")
prompts=("${header[@]:2}")

missing=()
for tool in espeak-ng:espeak-ng sox:sox ffmpeg:ffmpeg; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if ((${#missing[@]})); then
    echo "make-prompts: installing ${missing[*]}" >&2
    sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
    $sudo_cmd apt-get install -y -q "${missing[@]}" >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# say VOICE TEXT OUT_BASE: OUT_BASE.{wav,ulaw,alaw,gsm,g722}
say() {
    local voice="$1" text="$2" out="$3"
    espeak-ng -v "$voice" -s 160 -w "$work/raw.wav" -- "$text"
    # Trim silence at both ends, leave a short lead-in and tail, normalise to -3 dBFS; 16 kHz master.
    # -D: no dither, so the same table always gives the same files (no churn in git).
    sox -D "$work/raw.wav" -r 16000 -c 1 -b 16 "$work/master.wav" \
        silence 1 0.05 0.5% reverse silence 1 0.05 0.5% reverse norm -3 pad 0.2 0.4 rate -v 16000
    sox -D "$work/master.wav" -r 8000 -c 1 -b 16 -e signed-integer "$out.wav"
    sox -D "$out.wav" -t ul "$out.ulaw"
    sox -D "$out.wav" -t al "$out.alaw"
    sox -D "$out.wav" -t gsm "$out.gsm"
    ffmpeg -nostdin -loglevel error -y -i "$work/master.wav" -ar 16000 -ac 1 -acodec g722 -f g722 "$out.g722"
    local seconds
    seconds="$(soxi -D "$out.wav")"
    if ! awk -v s="$seconds" 'BEGIN { exit !(s >= 1 && s <= 8) }'; then
        echo "make-prompts: $out.wav lasts ${seconds}s; prompts must last 1 to 8 s (shorten the sentence)" >&2
        exit 1
    fi
}

declare -A only=()
for folder in "$@"; do only[$folder]=1; done

docs="$work/prompts-table.md"
count=0
while IFS=$'\t' read -r -a row; do
    folder="${row[0]:-}" voice="${row[1]:-}" texts=("${row[@]:2}")
    [[ -z "$folder" || "$folder" == \#* || "$folder" == folder ]] && continue
    if ((${#texts[@]} != ${#prompts[@]})); then
        echo "make-prompts: $folder has ${#texts[@]} sentences for ${#prompts[@]} prompts" >&2
        exit 1
    fi
    line="| \`$folder\` | \`$voice\` |"
    for text in "${texts[@]}"; do line+=" $text |"; done
    echo "$line" >>"$docs"
    ((${#only[@]})) && [[ -z "${only[$folder]:-}" ]] && continue
    mkdir -p "$repo/sounds/$folder"
    for i in "${!prompts[@]}"; do
        say "$voice" "${texts[$i]}" "$repo/sounds/$folder/${prompts[$i]}"
    done
    count=$((count + 1))
    echo "make-prompts: $folder ($voice)"
done <"$table"

# docs/prompts.md: the table part is regenerated between its markers, the rest is kept.
doc="$repo/docs/prompts.md"
if [[ -f "$doc" ]] && grep -q '<!-- table:start -->' "$doc"; then
    {
        sed '/<!-- table:start -->/q' "$doc"
        heading="| folder | espeak-ng voice |" rule="|---|---|"
        for prompt in "${prompts[@]}"; do heading+=" $prompt |"; rule+="---|"; done
        echo "$heading"
        echo "$rule"
        cat "$docs"
        sed -n '/<!-- table:end -->/,$p' "$doc"
    } >"$work/doc.md"
    mv "$work/doc.md" "$doc"
fi
echo "make-prompts: $count languages written to sounds/"
