using System.Text;
using PhoneGroups.Ari.Events;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>
/// The call may go ahead only with a call-permission password. The caller is answered and asked for it
/// (<c>phonegroups-enter-pin</c>); digits end with <c>#</c>, a pause of <see cref="DigitPause"/> or the
/// longest password; three tries with <c>phonegroups-pin-wrong</c> between them. Right: the call goes on
/// as an allowed call, with the permission's account code on every leg. Wrong three times: the denial.
/// A caller locked out meanwhile (<see cref="ChallengeGuard"/>, by its other calls) has no try checked any more.
/// Digits are never logged.
/// </summary>
internal sealed class ChallengingState : CallState
{
    public const string EnterPrompt = "phonegroups-enter-pin";
    public const string WrongPrompt = "phonegroups-pin-wrong";
    public const int Tries = 3;
    public static readonly TimeSpan DigitPause = TimeSpan.FromSeconds(5);

    private readonly Decision _decision;
    private readonly string _language;
    private readonly string _caller; // whose failures count toward the lockout
    private readonly StringBuilder _digits = new();
    private int _tries;
    private int _prompts;
    private string? _playbackId;
    private int _generation; // which pause timer is the current one
    private ITimer? _pause;

    private ChallengingState(Decision decision, string language, string caller)
    {
        _decision = decision;
        _language = language;
        _caller = caller;
    }

    public override string Name => "Challenging";

    public override bool IsSettingUp => true;

    /// <summary>Answers the caller and asks for the password, unless the caller is locked out.</summary>
    public static async Task<CallState> StartAsync(Call call, Decision decision, string caller, CancellationToken cancellationToken)
    {
        var services = call.Services;
        var language = decision.CallerLanguage ?? (string.IsNullOrEmpty(call.Caller.Language) ? null : call.Caller.Language) ?? services.Policies.Current.DefaultLanguage;
        if (services.Challenges.IsLockedOut(caller))
        {
            return await RefuseLockedOutAsync(call, decision, caller, cancellationToken).ConfigureAwait(false);
        }

        var state = new ChallengingState(decision, language, caller);
        await services.Ari.AnswerAsync(call.Id, cancellationToken).ConfigureAwait(false);
        await state.AskAsync(call, [EnterPrompt], cancellationToken).ConfigureAwait(false);
        return state;
    }

    public override async Task<CallState> OnDtmfAsync(Call call, ChannelDtmfReceived dtmf, CancellationToken cancellationToken)
    {
        if (dtmf.Channel.Id != call.Id)
        {
            return this;
        }

        if (dtmf.Digit == "#")
        {
            return await CheckAsync(call, cancellationToken).ConfigureAwait(false);
        }

        if (dtmf.Digit.Length == 1 && (char.IsAsciiDigit(dtmf.Digit[0]) || dtmf.Digit[0] == '*'))
        {
            _digits.Append(dtmf.Digit[0]);
            if (_digits.Length >= Policy.Permissions.PermissionChallenge.MaxDigits)
            {
                return await CheckAsync(call, cancellationToken).ConfigureAwait(false);
            }
        }

        StartPause(call);
        return this;
    }

    public override string? AwaitedPlaybackId => _playbackId;

    /// <summary>The prompt is over: the caller has <see cref="DigitPause"/> to type (or to go on typing).</summary>
    public override Task<CallState> OnPlaybackFinishedAsync(Call call, PlaybackFinished finished, CancellationToken cancellationToken)
    {
        if (finished.Playback.Id == _playbackId)
        {
            StartPause(call);
        }

        return Task.FromResult<CallState>(this);
    }

    public override async Task<CallState> OnSignalAsync(Call call, CallSignal signal, CancellationToken cancellationToken)
    {
        switch (signal.Kind)
        {
            case CallSignalKind.DigitPause when signal.Generation == _generation:
                return await CheckAsync(call, cancellationToken).ConfigureAwait(false);
            case CallSignalKind.Shutdown:
                StopPause();
                return await CallDenial.RejectAsync(call).ConfigureAwait(false);
            default:
                return this;
        }
    }

    public override Task<CallState> OnChannelGoneAsync(Call call, string channelId, int cause, CancellationToken cancellationToken)
    {
        StopPause();
        var services = call.Services;
        if (_tries > 0)
        {
            // A wrong try then a hang-up is a failed challenge: else a brute-forcer redials after each miss.
            CallLog.ChallengeAbandonedAfterWrongTries(services.Logger, call.Id, _caller, _decision.Challenge.ToString(), _tries);
            services.Metrics.Challenged("failed");
            services.Challenges.Failed(_caller);
        }
        else
        {
            services.Metrics.Challenged("abandoned");
        }

        return Task.FromResult<CallState>(EndingState.Instance);
    }

    public override void OnCompleted(Call call) => StopPause();

    private async Task<CallState> CheckAsync(Call call, CancellationToken cancellationToken)
    {
        StopPause();
        var services = call.Services;
        var challenge = _decision.Challenge;
        var digits = _digits.ToString();
        _digits.Clear();
        if (services.Challenges.IsLockedOut(_caller))
        {
            // Locked out meanwhile by the caller's other calls (guessing in parallel): no try is checked any more.
            await StopPromptAsync(call, cancellationToken).ConfigureAwait(false);
            return await RefuseLockedOutAsync(call, _decision, _caller, cancellationToken).ConfigureAwait(false);
        }

        if (challenge.TryAccept(digits, out var opened))
        {
            CallLog.ChallengeOpened(services.Logger, call.Id, _caller, opened.Name, _tries + 1);
            services.Metrics.Challenged("opened");
            await StopPromptAsync(call, cancellationToken).ConfigureAwait(false);
            if (opened.AccountCode is { } accountCode)
            {
                await services.Ari.SetVariableAsync(call.Id, "CHANNEL(accountcode)", accountCode, cancellationToken).ConfigureAwait(false);
            }

            return await DialAttempt.For(call, challenge.Granted, opened.AccountCode).StartAsync(cancellationToken).ConfigureAwait(false);
        }

        _tries++;
        if (_tries < Tries)
        {
            CallLog.ChallengeWrong(services.Logger, call.Id, _caller, challenge.ToString(), _tries, Tries);
            await AskAsync(call, [WrongPrompt, EnterPrompt], cancellationToken).ConfigureAwait(false);
            return this;
        }

        CallLog.ChallengeFailed(services.Logger, call.Id, _caller, challenge.ToString(), Tries);
        services.Metrics.Challenged("failed");
        services.Challenges.Failed(_caller);
        await StopPromptAsync(call, cancellationToken).ConfigureAwait(false);
        return await CallDenial.DenyAsync(call, "permission-password-wrong", _decision.CallerLanguage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The caller failed too often lately: denied, and no password is asked for or checked.</summary>
    private static async Task<CallState> RefuseLockedOutAsync(Call call, Decision decision, string caller, CancellationToken cancellationToken)
    {
        var services = call.Services;
        CallLog.ChallengeLockedOut(services.Logger, call.Id, caller, decision.Challenge.ToString());
        services.Metrics.Challenged("locked");
        return await CallDenial.DenyAsync(call, "permission-locked", decision.CallerLanguage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plays <paramref name="prompts"/> (a prompt still playing is stopped: Asterisk would queue the new one behind it).</summary>
    private async Task AskAsync(Call call, IReadOnlyList<string> prompts, CancellationToken cancellationToken)
    {
        await StopPromptAsync(call, cancellationToken).ConfigureAwait(false);
        _playbackId = $"{call.Id}-pin{++_prompts}";
        await call.Services.Ari.PlayAsync(call.Id, [.. prompts.Select(p => $"sound:{p}")], _language, _playbackId, cancellationToken).ConfigureAwait(false);
    }

    private async Task StopPromptAsync(Call call, CancellationToken cancellationToken)
    {
        if (_playbackId is { } playing)
        {
            _playbackId = null;
            await call.Services.Ari.StopPlaybackAsync(playing, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>(Re)starts the pause after which the digits typed so far are checked.</summary>
    private void StartPause(Call call)
    {
        StopPause();
        var generation = ++_generation;
        _pause = call.Services.SignalLater(call.Id, CallSignalKind.DigitPause, DigitPause, generation);
    }

    private void StopPause()
    {
        _generation++;
        _pause?.Dispose();
        _pause = null;
    }
}
