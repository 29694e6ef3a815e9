namespace PhoneGroups.Prompts.Tests;

/// <summary>Every shipped prompt, in every format: present, 1 to 8 seconds long, and audible.</summary>
public sealed class PromptFileTests
{
    [Fact]
    public void AtLeastThirtyLanguages_AreShipped_ExactlyThoseOfTheSourceTable()
    {
        Assert.True(ShippedPrompts.LanguageFolders.Count >= 30, $"only {ShippedPrompts.LanguageFolders.Count} languages");
        Assert.Equal(ShippedPrompts.TableLanguages, ShippedPrompts.LanguageFolders);
    }

    [Fact]
    public void CheckedPrompts_AreExactlyThoseOfTheSourceTable()
    {
        Assert.Equal(ShippedPrompts.TablePrompts, ShippedPrompts.Names);
    }

    [Fact]
    public void EveryLanguage_HasEveryPrompt_AndNothingElse()
    {
        foreach (var language in ShippedPrompts.LanguageFolders)
        {
            var expected = ShippedPrompts.Names.SelectMany(n => ShippedPrompts.Formats.Select(f => n + f)).Order(StringComparer.Ordinal);
            var actual = Directory.GetFiles(Path.Combine(ShippedPrompts.SoundsDirectory, language)).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(ShippedPrompts.Files), MemberType = typeof(ShippedPrompts))]
    public void Prompt_LastsOneToEightSeconds_AndIsAudible(string language, string name, string format)
    {
        var path = Path.Combine(ShippedPrompts.SoundsDirectory, language, name + format);
        Assert.True(File.Exists(path), $"missing {path}");

        var audio = Decoders.Decode(path);

        Assert.InRange(audio.Seconds, 1.0, 8.0);
        Assert.True(audio.IsAudible, $"{language}/{name}{format}: rms {audio.RmsDbfs:0.0} dBFS, peak {audio.PeakDbfs:0.0} dBFS");
    }

    [Theory]
    [MemberData(nameof(ShippedPrompts.Files), MemberType = typeof(ShippedPrompts))]
    public void EveryFormat_HoldsTheSameRecordingAsTheWav(string language, string name, string format)
    {
        var wav = Decoders.Decode(Path.Combine(ShippedPrompts.SoundsDirectory, language, name + ".wav"));
        var other = Decoders.Decode(Path.Combine(ShippedPrompts.SoundsDirectory, language, name + format));

        Assert.InRange(other.Seconds - wav.Seconds, -0.05, 0.05);
    }
}
