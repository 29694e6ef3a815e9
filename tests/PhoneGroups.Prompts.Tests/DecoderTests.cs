namespace PhoneGroups.Prompts.Tests;

/// <summary>The measuring instruments themselves: a check that cannot fail proves nothing.</summary>
public sealed class DecoderTests
{
    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    public void Ulaw_DecodesTheG711Table(byte value, short expected) => Assert.Equal(expected, Decoders.Ulaw(value));

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    public void Alaw_DecodesTheG711Table(byte value, short expected) => Assert.Equal(expected, Decoders.Alaw(value));

    [Fact]
    public void Silence_AndFaintHiss_AreNotAudible()
    {
        Assert.False(new Audio(new short[8000], 8000).IsAudible);
        var hiss = Enumerable.Range(0, 8000).Select(i => (short)(i % 2 == 0 ? 30 : -30)).ToArray();
        Assert.False(new Audio(hiss, 8000).IsAudible);
    }

    [Fact]
    public void ASpokenLevelTone_IsAudible_AndMeasuredRight()
    {
        var tone = Enumerable.Range(0, 8000).Select(i => (short)(16384 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray();
        var audio = new Audio(tone, 8000);

        Assert.True(audio.IsAudible);
        Assert.Equal(1.0, audio.Seconds);
        Assert.InRange(audio.RmsDbfs, -9.1, -8.9); // a sine at half scale: -6 dBFS peak, -9 dBFS rms
    }

    [Fact]
    public void Wav_OfAnotherRate_IsRefused()
    {
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BitConverter.GetBytes(16).CopyTo(header, 16);
        BitConverter.GetBytes((short)1).CopyTo(header, 20);
        BitConverter.GetBytes((short)1).CopyTo(header, 22);
        BitConverter.GetBytes(16000).CopyTo(header, 24);
        BitConverter.GetBytes((short)16).CopyTo(header, 34);
        Assert.Throws<InvalidDataException>(() => Decoders.Wav(header));
    }
}
