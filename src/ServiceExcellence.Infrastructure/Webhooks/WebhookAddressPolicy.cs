using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Webhooks;

namespace ServiceExcellence.Infrastructure.Webhooks;

/// <summary>
/// Webhooks go to public https addresses only, unless <see cref="WebhookOptions.AllowPrivateAddresses"/> is on. Checked
/// when an endpoint is saved and again before every attempt; the connection itself is checked too
/// (<see cref="ConnectAsync"/>), so a host name that later resolves to an inner address is refused all the same.
/// </summary>
internal sealed class WebhookAddressPolicy(IOptions<WebhookOptions> options) : IWebhookAddressPolicy
{
    public async Task<string?> ProblemWithAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Enter a full https:// address, such as https://crm.example.com/hooks/service-excellence.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Leave the user name and password out of the address: the signature authenticates every request.";
        }

        var allowPrivate = options.Value.AllowPrivateAddresses;
        if (uri.Scheme == Uri.UriSchemeHttp && !(allowPrivate && uri.IsLoopback))
        {
            return "Use an https:// address: events are sent only over TLS (plain http:// is for a receiver on this machine during development).";
        }

        if (allowPrivate)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            return $"The host {uri.Host} could not be found. Check the address.";
        }

        return addresses.Length == 0 || addresses.Any(a => !IsPublic(a))
            ? $"{uri.Host} is a loopback, private or link-local address. Webhooks are sent only to public addresses."
            : null;
    }

    /// <summary>Opens the TCP connection for the webhook client, to a public address only (unless private ones are allowed).</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        if (!options.Value.AllowPrivateAddresses)
        {
            addresses = addresses.Where(IsPublic).ToArray();
        }

        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to no public address; not connecting.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>False for loopback, private (RFC 1918, unique local), link-local, shared (CGNAT), unspecified, multicast and reserved addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 => b[1] is < 64 or > 127,
            169 => b[1] != 254,
            172 => b[1] is < 16 or > 31,
            192 => b[1] != 168,
            >= 224 => false,
            _ => true,
        };
    }
}
