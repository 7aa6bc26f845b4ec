using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

/// <summary>
/// Every page the app serves, found from its endpoints (so a new page is checked without being listed here),
/// opened by a visitor who has not signed in and by each role, against the access the product defines:
/// the table <see cref="Expected"/>. Also: every page's POST is refused without the antiforgery token, and
/// every answer carries the security headers. Team scoping by id is tested with each feature.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private static readonly StaffRole[] AllStaff = [StaffRole.TeamMember, StaffRole.Manager, StaffRole.President, StaffRole.Administrator];

    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await TestData.SeedAsync(_app);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Who may open a page, by its address; anything not listed is for every signed-in member of staff.</summary>
    private static Access Expected(string path) => path switch
    {
        "/Account/Login" or "/Error" or "/StatusCode" or "/ApiReference" or "/ApiReference/Index" => Access.Anyone,
        _ when path.StartsWith("/r/", StringComparison.Ordinal) || path.StartsWith("/u/", StringComparison.Ordinal)
            || path.StartsWith("/g/", StringComparison.Ordinal) => Access.Anyone,
        _ when path.StartsWith("/Admin", StringComparison.Ordinal) => Access.Staff(StaffRole.Administrator),
        _ when path.StartsWith("/Guarantees/Log", StringComparison.Ordinal) => Access.Staff(StaffRole.President),
        _ when path.StartsWith("/Guarantees", StringComparison.Ordinal) => Access.Staff(StaffRole.President, StaffRole.Administrator),
        _ when path.StartsWith("/Dev", StringComparison.Ordinal) => Access.Staff(StaffRole.Administrator, StaffRole.President, StaffRole.Manager, StaffRole.TeamMember),
        _ => Access.Staff(AllStaff),
    };

    [Fact]
    public async Task A_visitor_who_has_not_signed_in_is_sent_to_sign_in_from_every_staff_page()
    {
        using var visitor = _app.NewSession();
        var failures = new List<string>();
        foreach (var path in PagePaths())
        {
            var response = await visitor.Client.GetAsync(path);
            CheckHeaders(path, response, failures);
            var toSignIn = response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.ToString().Contains("/Account/Login", StringComparison.Ordinal);
            if (Expected(path).Anonymous == toSignIn)
            {
                failures.Add($"{path}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    [InlineData(StaffRole.Administrator)]
    public async Task Each_role_opens_exactly_the_pages_it_may(StaffRole role)
    {
        using var staff = await _app.SignInAsync(role);
        var failures = new List<string>();
        // Signing out ends the session; the access-denied page answers 403 to everyone, by design.
        foreach (var path in PagePaths().Where(p => p is not "/Account/Logout" and not "/Account/AccessDenied"))
        {
            var response = await staff.Client.GetAsync(path);
            CheckHeaders(path, response, failures);
            var location = response.Headers.Location?.ToString() ?? string.Empty;
            var denied = response.StatusCode == HttpStatusCode.Forbidden
                || location.Contains("/Account/AccessDenied", StringComparison.Ordinal)
                || location.Contains("/Account/Login", StringComparison.Ordinal);
            var allowed = Expected(path).Allows(role);
            if (allowed == denied || response.StatusCode == HttpStatusCode.InternalServerError)
            {
                failures.Add($"{role} {path}: expected {(allowed ? "allowed" : "denied")}, got {(int)response.StatusCode} {location}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_page_refuses_a_post_without_the_antiforgery_token()
    {
        // Each page is posted to by a role that may open it, so the refusal comes from the missing token.
        var sessions = new Dictionary<StaffRole, StaffSession>();
        foreach (var role in AllStaff)
        {
            sessions[role] = await _app.SignInAsync(role);
        }

        var failures = new List<string>();
        foreach (var path in PagePaths())
        {
            var role = Expected(path).Allows(StaffRole.Administrator) ? StaffRole.Administrator : Expected(path).Roles.First();
            var response = await sessions[role].Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "x" }));
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"{path}: {(int)response.StatusCode}");
            }
        }

        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_api_endpoint_answers_401_without_a_key_even_to_a_signed_in_member_of_staff()
    {
        using var visitor = _app.NewSession();
        using var administrator = await _app.SignInAsync(StaffRole.Administrator);
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .Select(e => (Path: "/" + string.Join('/', e.RoutePattern.PathSegments.Select(Fill).Where(s => s.Length > 0)),
                Method: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods[0] ?? "GET"))
            .Distinct()
            .ToList();
        Assert.NotEmpty(endpoints);

        var failures = new List<string>();
        foreach (var (path, method) in endpoints)
        {
            foreach (var session in new[] { visitor, administrator })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
                var response = await session.Client.SendAsync(request);
                CheckHeaders(path, response, failures);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method} {path}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static void CheckHeaders(string path, HttpResponseMessage response, List<string> failures)
    {
        foreach (var header in new[] { "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Correlation-Id" })
        {
            if (!response.Headers.Contains(header))
            {
                failures.Add($"{path}: no {header} header");
            }
        }
    }

    /// <summary>Every Razor Page's address, with made-up values for its route parameters.</summary>
    private List<string> PagePaths()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(Fill).Where(s => s.Length > 0)))
            .Distinct()
            .Order()
            .ToList();
    }

    private static string Fill(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart { IsOptional: true } => string.Empty,
        RoutePatternParameterPart { Name: var name } when name.Contains("token", StringComparison.OrdinalIgnoreCase) =>
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        RoutePatternParameterPart => Guid.CreateVersion7().ToString(),
        _ => string.Empty,
    }));

    private sealed record Access(bool Anonymous, IReadOnlySet<StaffRole> Roles)
    {
        public static Access Anyone { get; } = new(true, AllStaff.ToHashSet());

        public static Access Staff(params StaffRole[] roles) => new(false, roles.ToHashSet());

        public bool Allows(StaffRole role) => Roles.Contains(role);
    }
}
