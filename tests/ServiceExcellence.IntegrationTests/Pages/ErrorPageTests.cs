using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

/// <summary>A fault on the server shows the friendly error page with a reference, and API callers get ProblemDetails.</summary>
public sealed class ErrorPageTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_unexpected_fault_shows_the_friendly_error_page()
    {
        await using var failing = FailingApp();
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var session = new StaffSession(failing.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }));
        await session.SignInAsync(person.Email, AppFactory.Password);

        var response = await session.Client.GetAsync("/fault");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Something went wrong on our side", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("InvalidOperationException", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_fault_in_the_API_is_a_problem_details_500()
    {
        await using var failing = FailingApp();
        using var client = failing.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        using var session = new StaffSession(client);
        await session.SignInAsync(person.Email, AppFactory.Password);

        var response = await client.GetAsync("/api/fault");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    /// <summary>The app with one path at the end of its pipeline that throws, as a bug would.</summary>
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> FailingApp() =>
        _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter, FaultAtTheEnd>()));

    private sealed class FaultAtTheEnd : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path.Value!.EndsWith("/fault", StringComparison.Ordinal)
                ? throw new InvalidOperationException("A bug")
                : Task.CompletedTask);
        };
    }
}
