using System.Collections.Concurrent;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// Which languages a prompt exists in, as Asterisk reports it (GET /sounds/{name}). Remembered for a short
/// while: a denied call should not wait for a lookup, and a prompt an admin adds is found within a minute.
/// </summary>
internal sealed class PromptCatalog(IAriClient ari, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, (HashSet<string> Languages, DateTimeOffset Fetched)> _languages = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="prompt"/> exists in <paramref name="language"/>.</summary>
    public async Task<bool> ExistsAsync(string prompt, string language, CancellationToken cancellationToken)
    {
        if (!_languages.TryGetValue(prompt, out var entry) || time.GetUtcNow() - entry.Fetched > Freshness)
        {
            var sound = await ari.GetSoundAsync(prompt, cancellationToken).ConfigureAwait(false);
            var languages = new HashSet<string>(sound?.Formats.Select(f => f.Language) ?? [], StringComparer.OrdinalIgnoreCase);
            entry = (languages, time.GetUtcNow());
            _languages[prompt] = entry;
        }

        return entry.Languages.Contains(language);
    }
}
