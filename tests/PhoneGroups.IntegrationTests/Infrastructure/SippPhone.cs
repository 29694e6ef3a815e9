using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>
/// A real SIP phone or carrier: one SIPp process on its own 127.0.0.x address, running one of the
/// scenarios in Sip/ for one call (two for a phone with call waiting). Asterisk identifies the phones by that address
/// (asterisk-conf/pjsip.conf). Every SIP message is traced to a file the test reads afterwards.
/// </summary>
public sealed class SippPhone : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private SippPhone(Process process, string directory, string address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public string Address { get; }

    /// <summary>Every SIP message this phone sent and received, as SIPp traced them.</summary>
    public string Messages => File.Exists(MessageFile) ? File.ReadAllText(MessageFile) : string.Empty;

    private string MessageFile => System.IO.Path.Combine(_directory, "messages.log");

    /// <summary>A phone at <paramref name="address"/> calling <paramref name="dialed"/>; an answered call is hung up after <paramref name="talk"/>.</summary>
    public static Task<SippPhone> CallAsync(string address, string dialed, TimeSpan talk) =>
        StartAsync(address, "phone-call.xml", ["127.0.0.1:5060", "-s", dialed, "-d", ((int)talk.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);

    /// <summary>A phone at <paramref name="address"/> calling <paramref name="dialed"/> that, once answered, types <c>1234#</c> with RFC 2833 and hangs up after <paramref name="talk"/>.</summary>
    public static Task<SippPhone> CallAndTypePasswordAsync(string address, string dialed, TimeSpan talk) =>
        StartAsync(address, "pin-call.xml", ["127.0.0.1:5060", "-s", dialed, "-d", ((int)talk.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);

    /// <summary>
    /// A phone or carrier at <paramref name="address"/> (SIP port <paramref name="port"/>) calling <paramref name="dialed"/>
    /// and, once answered, staying on until Asterisk hangs it up; <paramref name="callerNumber"/> is the From user a carrier sends.
    /// </summary>
    public static Task<SippPhone> CallUntilHungUpAsync(string address, string dialed, string? callerNumber = null, int port = 5060) =>
        StartAsync(address, "call-until-hung-up.xml", ["127.0.0.1:5060", "-s", dialed, "-key", "from_user", callerNumber is null ? "" : $"{callerNumber}@"], port);

    /// <summary>A phone at <paramref name="address"/> that rings for the first call it gets and never answers (until CANCEL).</summary>
    public static Task<SippPhone> RingAsync(string address) => StartAsync(address, "ring-call.xml", []);

    /// <summary>A host at <paramref name="address"/> calling <paramref name="dialed"/> with <c>From: sip:<paramref name="fromUser"/>@…</c>.</summary>
    public static Task<SippPhone> SpoofAsync(string address, string fromUser, string dialed) =>
        StartAsync(address, "spoofed-call.xml", ["127.0.0.1:5060", "-s", dialed, "-key", "from_user", fromUser]);

    /// <summary>A phone at <paramref name="address"/> calling <paramref name="dialed"/> and, once answered, REFERring the call to <paramref name="referTo"/>.</summary>
    public static Task<SippPhone> CallAndTransferAsync(string address, string dialed, string referTo) =>
        StartAsync(address, "transfer-call.xml", ["127.0.0.1:5060", "-s", dialed, "-key", "refer_to", referTo]);

    /// <summary>A phone at <paramref name="address"/> forwarded to <paramref name="forwardTo"/>: it answers the first call it gets with 302.</summary>
    public static Task<SippPhone> ForwardAsync(string address, string forwardTo) => StartAsync(address, "forward-call.xml", ["-key", "forward_to", forwardTo]);

    /// <summary>
    /// A phone at <paramref name="address"/> that answers the first call it gets, then blind-transfers the caller to
    /// <paramref name="referTo"/> (REFER), confirms every NOTIFY of the transfer's progress, and hangs up after the last.
    /// </summary>
    public static Task<SippPhone> AnswerAndTransferAsync(string address, string referTo) =>
        StartAsync(address, "answer-and-transfer.xml", ["-key", "refer_to", $"{referTo}@127.0.0.1:5060"]);

    /// <summary>
    /// The outcomes the transfer's NOTIFYs reported (their message/sipfrag status lines), in order. Only NOTIFYs
    /// in the dialog of this phone's call count: Asterisk may still be retransmitting one to an earlier test's
    /// phone on the same address, and it arrives here.
    /// </summary>
    public IReadOnlyList<string> TransferOutcomes
    {
        get
        {
            var messages = TracedMessages().ToList();
            var invite = messages.FirstOrDefault(m => m.StartsWith("INVITE sip:", StringComparison.Ordinal));
            var dialog = invite is null ? null : CallIdOf(invite);
            return [.. messages
                .Where(m => m.StartsWith("NOTIFY sip:", StringComparison.Ordinal) && dialog is not null && CallIdOf(m) == dialog)
                .Select(m => Regex.Match(m, @"message/sipfrag[\s\S]*?\r?\n\r?\n(SIP/2\.0 [0-9]{3}[^\r\n]*)"))
                .Where(match => match.Success)
                .Select(match => match.Groups[1].Value.Trim())];
        }
    }

    /// <summary>The traced messages one by one (SIPp separates them with a line of dashes and a time), trimmed to the SIP text.</summary>
    private IEnumerable<string> TracedMessages() =>
        Regex.Split(Messages, @"^-{20,}[^\n]*\n", RegexOptions.Multiline)
            .Select(block => Regex.Match(block, @"^(?:INVITE|NOTIFY|BYE|ACK|REFER|CANCEL|SIP/2\.0) [\s\S]*", RegexOptions.Multiline))
            .Where(match => match.Success)
            .Select(match => match.Value);

    private static string? CallIdOf(string message)
    {
        var match = Regex.Match(message, @"^(?:Call-ID|i)\s*:\s*(\S+)", RegexOptions.Multiline | RegexOptions.IgnoreCase);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>
    /// A second line of the phone at <paramref name="address"/> (its own SIP port, the same address, so the same
    /// endpoint): it calls <paramref name="dialed"/> and stays on until Asterisk hangs it up.
    /// </summary>
    public static Task<SippPhone> CallFromSecondLineAsync(string address, string dialed) => CallUntilHungUpAsync(address, dialed, port: 5070);

    /// <summary>
    /// A phone at <paramref name="address"/> that answers one call, REFERs the caller to <paramref name="referTo"/> and
    /// hangs up as soon as Asterisk accepts the transfer (NOTIFY 100), before its outcome.
    /// </summary>
    public static Task<SippPhone> AnswerTransferAndLeaveAsync(string address, string referTo) =>
        StartAsync(address, "answer-transfer-and-leave.xml", ["-key", "refer_to", $"{referTo}@127.0.0.1:5060"]);

    /// <summary>
    /// A phone at <paramref name="address"/> (extension <paramref name="extension"/>) with call waiting: it answers two calls,
    /// then joins them by an attended transfer (REFER in the first call with Replaces naming the second), and hangs up the
    /// first after the outcome; the second stays on until Asterisk hangs it up.
    /// </summary>
    public static Task<SippPhone> AnswerTwoAndJoinAsync(string address, string extension) =>
        StartAsync(address, "answer-two-and-join.xml", ["-key", "refer_to", $"{extension}@127.0.0.1:5060"], calls: 2);

    /// <summary>
    /// A phone at <paramref name="address"/> that answers the first call it gets, then transfers the caller to the
    /// other party of <paramref name="replaces"/> (the dialog of another call of this phone, as Call-ID, Asterisk's
    /// tag and the phone's tag): REFER with Replaces, an attended transfer.
    /// </summary>
    public static Task<SippPhone> AnswerAndTransferAttendedAsync(string address, string extension, (string CallId, string AsteriskTag, string PhoneTag) replaces) =>
        StartAsync(address, "answer-and-transfer.xml",
            ["-key", "refer_to", $"{extension}@127.0.0.1:5060?Replaces={Uri.EscapeDataString($"{replaces.CallId};to-tag={replaces.AsteriskTag};from-tag={replaces.PhoneTag}")}"]);

    /// <summary>The dialog of the call this phone placed, once answered: its Call-ID, Asterisk's tag (To) and the phone's (From).</summary>
    public (string CallId, string AsteriskTag, string PhoneTag)? PlacedDialog
    {
        get
        {
            var messages = Messages;
            var okAlt = Regex.Match(messages, @"SIP/2\.0 200 OK[\s\S]*?\n\r?\n");
            if (!okAlt.Success)
            {
                return null;
            }

            var block = okAlt.Value;
            string? Header(string name, string pattern) => Regex.Match(block, $@"(?m)^{name}:.*?{pattern}") is { Success: true } m ? m.Groups[1].Value : null;
            var to = Header("To", @";tag=([^;\s>]+)");
            var from = Header("From", @";tag=([^;\s>]+)");
            var callId = Header("Call-ID", @" *([^\s]+)");
            return to is null || from is null || callId is null ? null : (callId, to, from);
        }
    }

    /// <summary>A phone or carrier at <paramref name="address"/> that answers the first call it gets.</summary>
    public static Task<SippPhone> AnswerAsync(string address) => StartAsync(address, "answer-call.xml", []);

    /// <summary>Waits for the scenario's end; fails with SIPp's own words when it did not succeed.</summary>
    public async Task AssertSucceededAsync(TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"SIPp at {Address} did not finish in time; messages so far:\n{Messages}");
        }

        if (_process.ExitCode != 0)
        {
            var errors = System.IO.Path.Combine(_directory, "errors.log");
            Assert.Fail($"SIPp at {Address} exited with {_process.ExitCode}: {(File.Exists(errors) ? File.ReadAllText(errors) : "")}\n{Messages}");
        }
    }

    private static async Task<SippPhone> StartAsync(string address, string scenario, string[] arguments, int port = 5060, int calls = 1)
    {
        var directory = Directory.CreateTempSubdirectory("phonegroups-sipp-").FullName;
        var start = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string[] common =
        [
            "-sf", System.IO.Path.Combine(AppContext.BaseDirectory, "Sip", scenario),
            "-i", address, "-p", port.ToString(CultureInfo.InvariantCulture), "-mi", address, "-m", calls.ToString(CultureInfo.InvariantCulture), "-nostdin", "-trace_msg",
            "-message_file", System.IO.Path.Combine(directory, "messages.log"),
            "-trace_err", "-error_file", System.IO.Path.Combine(directory, "errors.log"),
            "-timeout", "40s", "-timeout_error",
        ];
        foreach (var argument in common)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("sipp is not installed (Debian package sip-tester; .ci/run installs it)", e);
        }

        // Drain its screen output so it never blocks on a full pipe.
        var screen = process.StandardOutput.ReadToEndAsync();
        var complaints = process.StandardError.ReadToEndAsync();
        try
        {
            await WaitUntilListeningAsync(address, port, process);
        }
        catch (InvalidOperationException e) when (process.HasExited)
        {
            throw new InvalidOperationException($"{e.Message}: {await complaints} {await screen}", e);
        }

        return new SippPhone(process, directory, address);
    }

    /// <summary>Waits until the UDP socket at address:5060 is open (in /proc/net/udp), so calls find it.</summary>
    private static async Task WaitUntilListeningAsync(string address, int port, Process process)
    {
        var octets = address.Split('.').Select(o => byte.Parse(o, CultureInfo.InvariantCulture)).Reverse();
        var local = string.Concat(octets.Select(o => o.ToString("X2", CultureInfo.InvariantCulture))) + ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                // A short calling scenario (an INVITE answered 401 at once) may run to its end before the socket
                // is seen: it was open. A failed one is reported by AssertSucceededAsync with its messages.
                if (process.ExitCode == 0)
                {
                    return;
                }

                break;
            }

            if ((await File.ReadAllLinesAsync("/proc/net/udp")).Any(line => line.Contains(local, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"SIPp did not open {address}:5060 (exited: {process.HasExited})");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
