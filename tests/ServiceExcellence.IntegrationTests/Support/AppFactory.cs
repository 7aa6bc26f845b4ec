using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Infrastructure.Email;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>
/// The whole app in process on its own real SQLite file, migrated by the app's own start-up.
/// The clock is a <see cref="FakeTimeProvider"/> that tests move.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Correct-Horse-Battery-9";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"se-tests-{Guid.NewGuid():N}.db");

    private Person? _administrator;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero));

    public string DatabasePath => _databasePath;

    /// <summary>The SQL the app runs while a test records it.</summary>
    public SqlCommandLog Sql { get; } = new();

    /// <summary>Configuration a test class sets before the app starts (its first use).</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        // Background work runs when a test says so (ProcessOutboxAsync), not on its own.
        ["Email:Dispatcher:Enabled"] = "false",
        ["Webhooks:Dispatcher:Enabled"] = "false",
        ["Jobs:Enabled"] = "false",
        ["Email:PublicBaseUrl"] = "https://localhost",
        ["Email:Dispatcher:RetryBaseSeconds"] = "30",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = "1",
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:TimeoutSeconds"] = "5",
        ["Observability:JsonLogs"] = "false",
        // Every session of a test signs in from the same (absent) address; SignInRateLimitTests sets the real limit.
        ["RateLimits:SignInPerMinute"] = "100000",
    };

    /// <summary>Services a test class replaces or adds before the app starts (its first use).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ServiceExcellence", $"Data Source={_databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddTransient<IStartupFilter, ClientAddresses>();
            services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(Sql));
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>A browser-like client on https://localhost that keeps cookies and does not follow redirects.</summary>
    public StaffSession NewSession() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }));

    /// <summary>Signs in a new member of staff with the given role.</summary>
    public async Task<StaffSession> SignInAsync(StaffRole role, string? email = null)
    {
        var person = await CreatePersonAsync(role, email);
        var session = NewSession();
        await session.SignInAsync(person.Email, Password);
        return session;
    }

    public async Task<Person> CreatePersonAsync(StaffRole role, string? email = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var person = new Person($"{role} {Guid.NewGuid().ToString()[..4]}", email ?? $"{Guid.NewGuid():N}@staff.example", role);
        db.People.Add(person);
        await db.SaveChangesAsync();
        var errors = await scope.ServiceProvider.GetRequiredService<IStaffAccounts>().CreateAsync(person, Password, CancellationToken.None);
        Assert.Empty(errors);
        return person;
    }

    /// <summary>Sends a command or query through the real mediator pipeline (validation, authorization, transaction) as a background job would: for no person.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IMessage message)
    {
        await using var scope = Services.CreateAsyncScope();
        var response = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(message);
        return (TResponse)response!;
    }

    /// <summary>
    /// Sends a command or query through the real mediator pipeline as <paramref name="person"/> would from a page:
    /// signed in, with their role (what the authorization step and the handlers' own checks read).
    /// </summary>
    public async Task<TResponse> SendAsAsync<TResponse>(Person person, IMessage message)
    {
        await using var scope = Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, person.Id.ToString()), new Claim(ClaimTypes.Role, person.Role.ToString())], "Test")),
        };
        try
        {
            return (TResponse)(await scope.ServiceProvider.GetRequiredService<IMediator>().Send(message))!;
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>Sends an administrator-only command or query as an administrator (one per app, created on first use).</summary>
    public async Task<TResponse> SendAsAdministratorAsync<TResponse>(IMessage message)
    {
        _administrator ??= await CreatePersonAsync(StaffRole.Administrator);
        return await SendAsAsync<TResponse>(_administrator, message);
    }

    /// <summary>Runs the outbox dispatcher once, as the background service would; returns how many emails it handled.</summary>
    public async Task<int> ProcessOutboxAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().ProcessDueAsync(CancellationToken.None);
    }

    /// <summary>Reads the database directly, to check what a request stored.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task ExecuteAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await action(db);
        await db.SaveChangesAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}
