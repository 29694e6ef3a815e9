using System.Buffers.Binary;
using System.Diagnostics;

namespace PhoneGroups.Prompts.Tests;

/// <summary>Decoders for the formats Asterisk plays: wav and G.711 here, gsm and g722 through ffmpeg.</summary>
public static class Decoders
{
    public static Audio Decode(string path) => Path.GetExtension(path) switch
    {
        ".wav" => Wav(File.ReadAllBytes(path)),
        ".ulaw" => new Audio(File.ReadAllBytes(path).Select(Ulaw).ToArray(), 8000),
        ".alaw" => new Audio(File.ReadAllBytes(path).Select(Alaw).ToArray(), 8000),
        ".gsm" => Ffmpeg(path, "gsm", 8000),
        ".g722" => Ffmpeg(path, "g722", 16000),
        var other => throw new NotSupportedException(other),
    };

    /// <summary>A RIFF WAVE file; Asterisk's .wav must be 8 kHz, 16-bit, mono PCM.</summary>
    public static Audio Wav(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.Length < 12 || !span[..4].SequenceEqual("RIFF"u8) || !span[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("not a RIFF WAVE file");
        }

        int? rate = null;
        var position = 12;
        while (position + 8 <= span.Length)
        {
            var id = span.Slice(position, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(position + 4, 4));
            var body = span.Slice(position + 8, Math.Min(size, span.Length - position - 8));
            if (id.SequenceEqual("fmt "u8))
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(body);
                var channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                var bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                if (format != 1 || channels != 1 || bits != 16 || rate != 8000)
                {
                    throw new InvalidDataException($"wav must be PCM 8000 Hz 16-bit mono, is format {format}, {rate} Hz, {bits}-bit, {channels} channels");
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                var samples = new short[body.Length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                }

                return new Audio(samples, rate ?? throw new InvalidDataException("data before fmt"));
            }

            position += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk");
    }

    /// <summary>G.711 µ-law byte to linear sample (ITU-T G.711).</summary>
    public static short Ulaw(byte value)
    {
        var u = ~value & 0xFF;
        var magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (short)((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
    }

    /// <summary>G.711 A-law byte to linear sample (ITU-T G.711).</summary>
    public static short Alaw(byte value)
    {
        var a = value ^ 0x55;
        var segment = (a & 0x70) >> 4;
        var magnitude = ((a & 0x0F) << 4) + 8;
        if (segment != 0)
        {
            magnitude = (magnitude + 0x100) << (segment - 1);
        }

        return (short)((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static Audio Ffmpeg(string path, string format, int rate)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-nostdin", "-loglevel", "error", "-f", format, "-i", path, "-f", "s16le", "-ac", "1", "-ar", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        using var pcm = new MemoryStream();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(pcm);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidDataException($"ffmpeg could not decode {path}: {errors.Result}");
        }

        var bytes = pcm.ToArray();
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return new Audio(samples, rate);
    }
}
