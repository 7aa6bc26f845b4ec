using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Application.Webhooks;
using ServiceExcellence.Infrastructure.Email;
using ServiceExcellence.Infrastructure.Health;
using ServiceExcellence.Infrastructure.Identity;
using ServiceExcellence.Infrastructure.Integrations;
using ServiceExcellence.Infrastructure.Jobs;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.Infrastructure.Seeding;
using ServiceExcellence.Infrastructure.Webhooks;

namespace ServiceExcellence.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(DatabaseOptions.Section);
        services.Configure<DatabaseOptions>(section);
        var database = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            connectionString = DbContextConfigurator.PrepareSqlite(connectionString ?? DatabaseOptions.DefaultSqliteConnection, environment.ContentRootPath);
        }
        else if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"Set ConnectionStrings:{DatabaseOptions.ConnectionStringName} to use SQL Server.");
        }

        // Pooled: a request's context comes reset from a pool instead of being built anew (its options and services are
        // shared). AppDbContext keeps no state of its own beyond what EF Core resets.
        services.AddDbContextPool<AppDbContext>(options => DbContextConfigurator.Configure(options, database.Provider, connectionString));
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton<IWriterGate, SingleWriterGate>();
        }
        else
        {
            services.AddSingleton<IWriterGate, OpenWriterGate>();
        }
        services.AddSingleton(TimeProvider.System);

        services.AddApplication(configuration);
        services.AddEmail(configuration, environment);
        services.AddWebhooks(configuration);

        services.AddIdentity<StaffUser, IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddScoped<IStaffAccounts, StaffAccounts>();

        services.AddDataProtection()
            .SetApplicationName("ServiceExcellence")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddSingleton<TransactionPoster>();
        services.AddScoped<TransactionImportProcessor>();
        services.AddScoped<RoleSeeder>();
        services.AddScoped<AlertRuleSeeder>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Insight.InsightRollups>();
        services.AddScoped<Insight.AlertRollups>();
        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
            .AddCheck<EmailBacklogHealthCheck>("email-outbox", tags: ["ready"])
            .AddCheck<WebhookBacklogHealthCheck>("webhook-deliveries", tags: ["ready"]);
        return services;
    }

    private static void AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WebhookOptions.Section);
        services.Configure<WebhookOptions>(section);
        services.AddSingleton<IWebhookSecrets, WebhookSecrets>();
        services.AddSingleton<WebhookAddressPolicy>();
        services.AddSingleton<IWebhookAddressPolicy>(sp => sp.GetRequiredService<WebhookAddressPolicy>());
        services.AddScoped<WebhookProcessor>();

        // Short timeout, no redirects (a redirect could lead past the address checks), no cookies, no proxy (the connection
        // check must see the receiver's address, not a proxy's), and no request logging by the factory: receivers' URLs
        // may carry their own tokens. The processor logs delivery ids instead.
        services.AddHttpClient(WebhookProcessor.ClientName, (sp, client) =>
            {
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Dispatcher.TimeoutSeconds);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ServiceExcellence-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = sp.GetRequiredService<WebhookAddressPolicy>().ConnectAsync,
            })
            .RemoveAllLoggers();

        if ((section.Get<WebhookOptions>() ?? new WebhookOptions()).Dispatcher.Enabled)
        {
            services.AddHostedService<WebhookDispatcher>();
        }
    }

    private static void AddEmail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // MimeKit's charset table probes the legacy code pages on first use; without the framework's code-page
        // provider each missing one is a first-chance NotSupportedException (eleven on every start).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        var section = configuration.GetSection(EmailOptions.Section);
        services.Configure<EmailOptions>(section);
        services.PostConfigure<EmailOptions>(options =>
        {
            if (!string.IsNullOrWhiteSpace(options.PickupDirectory) && !Path.IsPathRooted(options.PickupDirectory))
            {
                options.PickupDirectory = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.PickupDirectory));
            }
        });
        services.Configure<JobOptions>(configuration.GetSection(JobOptions.Section));
        services.AddSingleton<SurveyJobs>();
        services.AddScoped<ISurveyEmailComposer, SurveyEmailComposer>();
        services.AddScoped<IEmailTransport>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory)
                ? ActivatorUtilities.CreateInstance<SmtpEmailTransport>(sp)
                : ActivatorUtilities.CreateInstance<PickupDirectoryTransport>(sp));
        services.AddScoped<OutboxProcessor>();
        services.AddSingleton<IAppLinks, AppLinks>();

        var email = section.Get<EmailOptions>() ?? new EmailOptions();
        if (email.Dispatcher.Enabled)
        {
            services.AddHostedService<OutboxDispatcher>();
        }

        if (configuration.GetSection(JobOptions.Section).Get<JobOptions>()?.Enabled ?? true)
        {
            services.AddHostedService<SurveyScheduler>();
            services.AddHostedService<RetentionJob>();
            services.AddHostedService<TransactionImportWorker>();
        }
    }
}
