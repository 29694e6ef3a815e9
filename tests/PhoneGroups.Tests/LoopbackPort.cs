using System.Net;
using System.Net.Sockets;

namespace PhoneGroups.Tests;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
