using Microsoft.Extensions.Hosting;
using NSubstitute;

namespace PhoneGroups.Tests.Calls;

/// <summary>If the shared pipeline ever stops, calls must not go on reaching an application nobody serves.</summary>
public sealed class PipelineFailureTests
{
    [Fact]
    public async Task PipelineStopping_ClosesTheAriConnection_AndStopsTheProcess()
    {
        var lifetime = Substitute.For<IHostApplicationLifetime>();
        await using var sut = new ControllerUnderTest(lifetime: lifetime);
        await sut.StartAsync();

        sut.Asterisk.Fail(new InvalidOperationException("the event stream broke"));

        Assert.False(sut.Pipeline.IsRunning);
        Assert.True(sut.Asterisk.Stopped); // Stasis() now fails at once: the dialplan's fallback takes calls
        lifetime.Received().StopApplication();
    }
}
