using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>Denied calls: the prompt in the caller's language as early media, then the rejection cause.</summary>
internal sealed partial class CallSession
{
    private async Task DenyAsync(string reason, string? policyLanguage, CancellationToken cancellationToken)
    {
        var options = _services.Options;
        if (!string.IsNullOrEmpty(options.DenialContext))
        {
            // Custom call handling: the admin's dialplan takes the denied call.
            await _services.Ari.SetVariableAsync(CallId, Variables.Reason, reason, cancellationToken).ConfigureAwait(false);
            await ContinueAsync(options.DenialContext, _dialed, cancellationToken).ConfigureAwait(false);
            return;
        }

        _phase = CallPhase.Denying;
        try
        {
            // Early media: the caller hears the prompt and the call is never answered (nor billed).
            await _services.Ari.ProgressAsync(CallId, cancellationToken).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            LogProgressRefused(_services.Logger, CallId, e.Message);
        }

        // The caller's language: extension, then group (from the policy), then the channel's, then the default.
        var language = policyLanguage
            ?? (string.IsNullOrEmpty(_caller.Language) ? null : _caller.Language)
            ?? _services.Policies.Current.DefaultLanguage;
        var prompt = await _services.Prompts.ExistsAsync(options.DenialPrompt, language, cancellationToken).ConfigureAwait(false)
            ? options.DenialPrompt
            : options.FallbackPrompt;
        _playbackId = $"{CallId}-denial";
        try
        {
            await _services.Ari.PlayAsync(CallId, [$"sound:{prompt}"], language, _playbackId, cancellationToken).ConfigureAwait(false);
            LogPromptPlaying(_services.Logger, CallId, prompt, language);
        }
        catch (AriException e)
        {
            // No prompt is better than no rejection: the caller still gets the cause.
            LogPromptFailed(_services.Logger, CallId, prompt, language, e.Message);
            await OnPromptFinishedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OnPromptFinishedAsync(CancellationToken cancellationToken)
    {
        _playbackId = null;
        if (_phase == CallPhase.Denying)
        {
            await _services.Ari.HangupAsync(CallId, _services.Options.DenialCause, cancellationToken).ConfigureAwait(false);
        }
    }
}
