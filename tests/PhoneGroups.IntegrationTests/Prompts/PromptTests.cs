using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Prompts;

/// <summary>The shipped prompts, installed into the real Asterisk: found by ARI and played to the end.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class PromptTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private const string App = "phonegroups-sim";

    private static IReadOnlyList<string> ShippedLanguages =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "sounds")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public Task InitializeAsync()
    {
        asterisk.EnsureStarted();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => asterisk.CleanUpAndAssertNothingLeftAsync();

    [Theory]
    [InlineData("phonegroups-forbidden")]
    [InlineData("phonegroups-unavailable")]
    [InlineData("phonegroups-enter-pin")]
    [InlineData("phonegroups-pin-wrong")]
    public async Task Asterisk_KnowsThePrompt_InEveryShippedLanguageAndFormat(string prompt)
    {
        var sound = await asterisk.Client.GetSoundAsync(prompt);

        Assert.NotNull(sound);
        // Asterisk also lists the aliases of a folder (Debian's en is en_US_f_Allison).
        var languages = sound.Formats.Select(f => f.Language).ToHashSet();
        Assert.Superset(ShippedLanguages.ToHashSet(), languages);
        foreach (var language in ShippedLanguages)
        {
            var formats = sound.Formats.Where(f => f.Language == language).Select(f => f.Format).ToHashSet();
            // Asterisk names a .wav file by its codec: slin (8 kHz signed linear).
            Assert.Superset(new HashSet<string> { "slin", "ulaw", "alaw", "gsm", "g722" }, formats);
        }
    }

    [Theory]
    [InlineData("en", "phonegroups-forbidden")]
    [InlineData("de", "phonegroups-forbidden")]
    [InlineData("pt_BR", "phonegroups-forbidden")]
    [InlineData("ja", "phonegroups-forbidden")]
    [InlineData("zh", "phonegroups-forbidden")]
    [InlineData("ar", "phonegroups-forbidden")]
    [InlineData("th", "phonegroups-forbidden")]
    [InlineData("en", "phonegroups-enter-pin")]
    [InlineData("ja", "phonegroups-enter-pin")]
    [InlineData("ar", "phonegroups-enter-pin")]
    [InlineData("de", "phonegroups-pin-wrong")]
    [InlineData("zh", "phonegroups-pin-wrong")]
    [InlineData("th", "phonegroups-pin-wrong")]
    public async Task Prompt_PlaysToTheEnd_OnAChannelInThatLanguage(string language, string prompt)
    {
        await using var connection = await asterisk.ConnectAsync(App);
        using var events = new EventRecorder(connection.Events);
        var client = asterisk.Client;
        var id = "it-prompt-" + Guid.NewGuid().ToString("N")[..8];
        await client.OriginateAsync(new OriginateRequest("Local/9999@phonegroups-sim")
        {
            Context = "phonegroups-sim",
            Extension = "answer",
            Priority = 1,
            ChannelId = id,
            OtherChannelId = id + "-2",
        });
        var call = await events.WaitForAsync<StasisStart>(e => e.Channel.Id == id + "-2");
        await client.AnswerAsync(call.Channel.Id);
        await client.SetVariableAsync(call.Channel.Id, "CHANNEL(language)", language);

        // No language in the request: Asterisk takes the channel's, as for a real caller.
        var playback = await client.PlayAsync(call.Channel.Id, [$"sound:{prompt}"], playbackId: id + "-play");
        var finished = await events.WaitForAsync<PlaybackFinished>(e => e.Playback.Id == playback.Id, TimeSpan.FromSeconds(20));

        Assert.Equal("done", finished.Playback.State);
        Assert.Equal(language, finished.Playback.Language);
        await client.HangupAsync(id);
    }
}
