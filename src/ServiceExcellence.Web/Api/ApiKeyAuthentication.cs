using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.ApiKeys;

namespace ServiceExcellence.Web.Api;

/// <summary>
/// The <c>X-Api-Key</c> scheme of the REST API: the key is looked up by its SHA-256 hash; a missing, unknown
/// or revoked key gets a 401 ProblemDetails. The caller's key id and source system travel as claims.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiKeyAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "api_key_id";
    public const string SourceClaim = "api_source";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1)
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await authenticator.AuthenticateAsync(values[0], Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(KeyIdClaim, caller.KeyId.ToString()),
                new Claim(ClaimTypes.Name, caller.Name),
                new Claim(SourceClaim, caller.SourceSystem),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "A valid API key is required.",
            Detail = $"Send an active key in the {HeaderName} header. An administrator creates keys under Administration → API keys.",
        };
        await ApiProblems.WriteAsync(Context, problem);
    }

    /// <summary>The source system of the key the request was authenticated with.</summary>
    public static string SourceOf(ClaimsPrincipal user) =>
        user.FindFirstValue(SourceClaim) ?? throw new InvalidOperationException("The request was not authenticated with an API key.");
}
