using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>Denied calls: the prompt in the caller's language as early media, then the rejection cause.</summary>
internal static class CallDenial
{
    public static async Task<CallState> DenyAsync(Call call, string reason, string? policyLanguage, CancellationToken cancellationToken)
    {
        var services = call.Services;
        var options = services.Options;
        if (!string.IsNullOrEmpty(options.DenialContext))
        {
            return await DialplanHandoff.ToDenialContextAsync(call, options.DenialContext, reason, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // Early media: the caller hears the prompt and the call is never answered (nor billed).
            await services.Ari.ProgressAsync(call.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (AriException e) when (!ChannelGoneErrors.IsChannelGone(e))
        {
            CallLog.ProgressRefused(services.Logger, call.Id, e.Message);
        }

        // The caller's language: extension, then group (from the policy), then the channel's, then the default.
        var language = policyLanguage
            ?? (string.IsNullOrEmpty(call.Caller.Language) ? null : call.Caller.Language)
            ?? services.Policies.Current.DefaultLanguage;
        var prompt = await services.Prompts.ExistsAsync(options.DenialPrompt, language, cancellationToken).ConfigureAwait(false)
            ? options.DenialPrompt
            : options.FallbackPrompt;
        var playbackId = $"{call.Id}-denial";
        try
        {
            await services.Ari.PlayAsync(call.Id, [$"sound:{prompt}"], language, playbackId, cancellationToken).ConfigureAwait(false);
            CallLog.PromptPlaying(services.Logger, call.Id, prompt, language);
            return new DenyingState(playbackId);
        }
        catch (AriException e) when (!ChannelGoneErrors.IsChannelGone(e))
        {
            // No prompt is better than no rejection: the caller still gets the cause.
            CallLog.PromptFailed(services.Logger, call.Id, prompt, language, e.Message);
            return await RejectAsync(call).ConfigureAwait(false);
        }
    }

    /// <summary>Hangs the caller up with the denial cause (21 by default: phones show "rejected").</summary>
    public static async Task<CallState> RejectAsync(Call call)
    {
        await call.HangUpAsync(call.Id, call.Services.Options.DenialCause).ConfigureAwait(false);
        return EndingState.Instance;
    }
}
