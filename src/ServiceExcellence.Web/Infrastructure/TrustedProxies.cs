using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>
/// The load balancers whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed: loopback always
/// (the framework's default), plus the networks (CIDR) in <c>ForwardedHeaders:KnownNetworks</c> and the addresses
/// in <c>ForwardedHeaders:KnownProxies</c>. From anywhere else the headers are ignored, so a client cannot pick
/// its own address for the rate limits. An entry that does not parse stops the start-up with its name.
/// </summary>
public sealed class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public List<string> KnownNetworks { get; } = [];

    public List<string> KnownProxies { get; } = [];

    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustedProxies>().Bind(configuration.GetSection(Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxies>, Validator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxies>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in trusted.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }

            foreach (var proxy in trusted.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            }
        });
    }

    private sealed class Validator : IValidateOptions<TrustedProxies>
    {
        public ValidateOptionsResult Validate(string? name, TrustedProxies options)
        {
            var failures = new List<string>();
            for (var i = 0; i < options.KnownNetworks.Count; i++)
            {
                if (!System.Net.IPNetwork.TryParse(options.KnownNetworks[i].Trim(), out _))
                {
                    failures.Add($"{Section}:KnownNetworks:{i} '{options.KnownNetworks[i]}' is not a network in CIDR notation "
                        + "such as 10.0.0.0/8 or fd00::/8 (the address must be the network's first address).");
                }
            }

            for (var i = 0; i < options.KnownProxies.Count; i++)
            {
                if (!IPAddress.TryParse(options.KnownProxies[i].Trim(), out _))
                {
                    failures.Add($"{Section}:KnownProxies:{i} '{options.KnownProxies[i]}' is not an IP address such as 10.0.0.5.");
                }
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
