using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.SubjectKey).HasMaxLength(200);
        builder.Property(a => a.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.RecoveryAction).HasMaxLength(2_000);
        builder.Property(a => a.ClientReaction).HasMaxLength(2_000);
        builder.Property(a => a.SystemicCause).HasMaxLength(2_000);

        // Queues, counts and escalation read the open alerts from this index alone: everything they filter and
        // order on is in it, so the table rows of the (few hundred to ten thousand) open alerts are never read.
        builder.HasIndex(a => new { a.Status, a.Id, a.AcknowledgeBy, a.ResolveBy, a.Priority, a.CreatedAt, a.AssigneeId });
        builder.HasIndex(a => new { a.Status, a.AcknowledgeBy });
        builder.HasIndex(a => new { a.ClientId, a.CreatedAt });

        // Dashboards: their figures come from the alert rollups (InsightAlertDay); only whether an unresolved alert
        // is past its due time depends on the moment of reading, and this index holds just the unresolved alerts
        // (resolving also acknowledges), so that part reads the open alerts whatever the history.
        builder.HasIndex(a => new { a.CreatedAt, a.AcknowledgedAt, a.AcknowledgeBy, a.ResolveBy, a.ClientId, a.ServiceLineId })
            .HasDatabaseName("IX_Alerts_Unresolved_Figures")
            .HasFilter("ResolvedAt IS NULL");
        // Exports read alerts raised in a date range.
        builder.HasIndex(a => new { a.CreatedAt, a.RatingId, a.ClientId, a.RevenueAtRisk })
            .HasDatabaseName("IX_Alerts_CreatedAt_Rating");
        builder.HasIndex(a => new { a.ServiceLineId, a.CreatedAt });
        builder.HasIndex(a => a.RatingId);
        builder.HasIndex(a => a.AssigneeId);
        builder.HasIndex(a => a.InitiativeId);
        builder.HasIndex(a => a.SubjectKey);
        builder.HasOne<Client>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ImprovementInitiative>().WithMany().HasForeignKey(a => a.InitiativeId).OnDelete(DeleteBehavior.SetNull);

        builder.HasMany(a => a.Triggers).WithOne().HasForeignKey(t => t.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Routes).WithOne().HasForeignKey(r => r.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Audit).WithOne().HasForeignKey(e => e.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Comments).WithOne().HasForeignKey(c => c.AlertId).OnDelete(DeleteBehavior.Cascade);
        foreach (var navigation in new[] { nameof(Alert.Triggers), nameof(Alert.Routes), nameof(Alert.Audit), nameof(Alert.Comments) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }
}

internal sealed class AlertTriggerConfiguration : IEntityTypeConfiguration<AlertTrigger>
{
    public void Configure(EntityTypeBuilder<AlertTrigger> builder)
    {
        builder.Property(t => t.RuleName).HasMaxLength(100);
        builder.Property(t => t.Detail).HasMaxLength(500);
    }
}

internal sealed class AlertRoutingConfiguration : IEntityTypeConfiguration<AlertRouting>
{
    public void Configure(EntityTypeBuilder<AlertRouting> builder)
    {
        builder.HasKey(r => new { r.AlertId, r.TeamId });

        // "Alerts of my teams" starts here, and reads the alert ids from the index alone; the open queues and
        // their counts (most views) read only the open alerts' routes, by the route's copy of the alert's status
        // (for all teams at once too: SQLite skips through the few teams).
        builder.HasIndex(r => new { r.TeamId, r.AlertStatus, r.AlertId });
        builder.Property(r => r.AlertStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertAuditEntryConfiguration : IEntityTypeConfiguration<AlertAuditEntry>
{
    public void Configure(EntityTypeBuilder<AlertAuditEntry> builder)
    {
        builder.ToTable("AlertAudit");
        builder.Property(e => e.Field).HasMaxLength(60);
        builder.Property(e => e.Before).HasMaxLength(2_000);
        builder.Property(e => e.After).HasMaxLength(2_000);
    }
}

internal sealed class AlertCommentConfiguration : IEntityTypeConfiguration<AlertComment>
{
    public void Configure(EntityTypeBuilder<AlertComment> builder) => builder.Property(c => c.Text).HasMaxLength(2_000);
}

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Keywords).HasMaxLength(1_000);
        builder.Property(r => r.Language).HasMaxLength(Limits.Language);
        builder.Property(r => r.Threshold).HasPrecision(9, 2);
    }
}

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> builder)
    {
        builder.Property(r => r.Match).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Value).HasMaxLength(200);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImprovementInitiativeConfiguration : IEntityTypeConfiguration<ImprovementInitiative>
{
    public void Configure(EntityTypeBuilder<ImprovementInitiative> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Description).HasMaxLength(4_000);
        builder.Property(i => i.OutcomeNote).HasMaxLength(4_000);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Team>().WithMany().HasForeignKey(i => i.OwnerTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
