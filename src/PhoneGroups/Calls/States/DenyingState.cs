using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>The denial prompt plays to the caller (early media); when it ends, the caller is rejected.</summary>
/// <param name="playbackId">The prompt's playback.</param>
internal sealed class DenyingState(string playbackId) : CallState
{
    public override string Name => "Denying";

    public override bool IsSettingUp => true;

    public override string? AwaitedPlaybackId => playbackId;

    public override Task<CallState> OnPlaybackFinishedAsync(Call call, PlaybackFinished finished, CancellationToken cancellationToken) =>
        finished.Playback.Id == playbackId ? CallDenial.RejectAsync(call) : Task.FromResult<CallState>(this);

    /// <summary>The caller hung up during the prompt: nothing else to do. (A leg given up before the denial, such as a forwarding one, may end now too.)</summary>
    public override Task<CallState> OnChannelGoneAsync(Call call, string channelId, int cause, CancellationToken cancellationToken) =>
        Task.FromResult<CallState>(channelId == call.Id ? EndingState.Instance : this);

    /// <summary>Stopping: the caller is not left waiting for a prompt nobody will end.</summary>
    public override Task<CallState> OnSignalAsync(Call call, CallSignal signal, CancellationToken cancellationToken) =>
        signal.Kind == CallSignalKind.Shutdown ? CallDenial.RejectAsync(call) : Task.FromResult<CallState>(this);
}
