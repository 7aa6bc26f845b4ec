using System.Globalization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.Insight;
using ServiceExcellence.Domain.Integrations;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Privacy;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Domain.Webhooks;
using ServiceExcellence.Infrastructure.Identity;
using ServiceExcellence.Infrastructure.Insight;

namespace ServiceExcellence.Infrastructure.Persistence;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IAppDbContext, IDataProtectionKeyContext
{
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ServiceLine> ServiceLines => Set<ServiceLine>();
    public DbSet<Transaction> Transactions => Set<Transaction>();
    public DbSet<SurveyInvitation> SurveyInvitations => Set<SurveyInvitation>();
    public DbSet<SurveyLinkToken> SurveyLinkTokens => Set<SurveyLinkToken>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<RatingFailureCategory> RatingFailureCategories => Set<RatingFailureCategory>();
    public DbSet<FailureCategory> FailureCategories => Set<FailureCategory>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertRouting> AlertRoutes => Set<AlertRouting>();
    public DbSet<AlertTrigger> AlertTriggers => Set<AlertTrigger>();
    public DbSet<AlertAuditEntry> AlertAudit => Set<AlertAuditEntry>();
    public DbSet<AlertComment> AlertComments => Set<AlertComment>();
    public DbSet<AlertRule> AlertRules => Set<AlertRule>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<ImprovementInitiative> Initiatives => Set<ImprovementInitiative>();
    public DbSet<GuaranteeInvocation> GuaranteeInvocations => Set<GuaranteeInvocation>();
    public DbSet<GuaranteeAuditEntry> GuaranteeAudit => Set<GuaranteeAuditEntry>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<PrivacyAuditEntry> PrivacyAudit => Set<PrivacyAuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<TransactionImport> TransactionImports => Set<TransactionImport>();
    public DbSet<InsightDay> InsightDays => Set<InsightDay>();
    public DbSet<InsightPoorHour> InsightPoorHours => Set<InsightPoorHour>();
    public DbSet<InsightFailure> InsightFailures => Set<InsightFailure>();
    public DbSet<InsightAlertDay> InsightAlertDays => Set<InsightAlertDay>();
    public DbSet<InsightAlertCategory> InsightAlertCategories => Set<InsightAlertCategory>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(Entity).IsAssignableFrom(e.ClrType)))
        {
            // Ids are created in the domain, so a new child found through a navigation is an insert, not an update.
            builder.Entity(entity.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();
            builder.Entity(entity.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native date-time-offset or decimal type: stored as text, neither sorts nor sums.
        // Instants are stored as UTC ticks and money as REAL there; SQL Server keeps its native types.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
        else
        {
            configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        }
    }

    /// <summary>
    /// On SQLite the unary <c>+</c> on the alert's id keeps the planner from probing the alerts' status index once
    /// per routed id and open status (three probes for each of thousands of ids): it reads the open alerts from that
    /// index instead and tests each against the routed ids, about 40% less work for a manager's queue with 100,000
    /// alerts. SQL Server plans the plain form well.
    /// </summary>
    public IQueryable<Alert> OpenAlertsRoutedTo(IReadOnlyCollection<Guid> teamIds)
    {
        if (teamIds.Count == 0)
        {
            return Alerts.Where(a => false);
        }

        var sqlite = Database.IsSqlite();
        // Bound as EF Core stores Guids on SQLite: upper-case text.
        var parameters = teamIds.Select(t => sqlite ? (object)t.ToString().ToUpperInvariant() : t).ToArray();
        var teams = string.Join(", ", parameters.Select((_, i) => "{" + i.ToString(CultureInfo.InvariantCulture) + "}"));
        var sql = sqlite
            ? $"SELECT * FROM \"Alerts\" WHERE +\"Id\" IN (SELECT \"AlertId\" FROM \"AlertRoutes\" WHERE \"AlertStatus\" IN ('New', 'Acknowledged', 'Recovering') AND \"TeamId\" IN ({teams}))"
            : $"SELECT * FROM [Alerts] WHERE [Id] IN (SELECT [AlertId] FROM [AlertRoutes] WHERE [AlertStatus] IN ('New', 'Acknowledged', 'Recovering') AND [TeamId] IN ({teams}))";
        return Alerts.FromSqlRaw(sql, parameters);
    }

    /// <summary>
    /// Saves, and moves the dashboards' rollups by what the saved ratings, invitations and alerts change, and the
    /// alert routes' copy of an alert's status. Inside a command's transaction (the normal path) all commit
    /// together; a bare save (seeding, tests) applies them right after its own implicit transaction, and a rollup
    /// rebuild repairs any difference.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once here; the rest of the save reads the tracker without detecting them again.
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        if (autoDetect)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            RenewConcurrencyTokens();
            var rollup = await InsightRollupWriter.CollectAsync(this, cancellationToken);
            var alertRollup = await AlertRollupWriter.CollectAsync(this, cancellationToken);
            var routes = AlertRouteStatus.Collect(this);
            if (rollup.IsEmpty && alertRollup.IsEmpty && routes.IsEmpty)
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }

            if (Database.CurrentTransaction is not null)
            {
                await rollup.ApplyAsync(this, cancellationToken);
                await alertRollup.ApplyAsync(this, cancellationToken);
                await routes.ApplyAsync(this, cancellationToken);
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }

            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await rollup.ApplyAsync(this, cancellationToken);
            await alertRollup.ApplyAsync(this, cancellationToken);
            await routes.ApplyAsync(this, cancellationToken);
            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>Synchronous saves do not maintain the rollups: the app saves asynchronously everywhere.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewConcurrencyTokens();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// An application-managed token works the same on both providers: the UPDATE's WHERE clause carries
    /// the version that was read, so a change made in between affects no row and is reported as a conflict.
    /// </summary>
    private void RenewConcurrencyTokens()
    {
        foreach (var entry in ChangeTracker.Entries<Entity>().Where(e => e.State == EntityState.Modified))
        {
            // Through the entry, so the new value is part of the UPDATE without detecting changes again.
            entry.Property(e => e.Version).CurrentValue = Guid.NewGuid();
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
