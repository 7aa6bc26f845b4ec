using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Insight;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

// The alert rollups' keys start with the scope, so any dashboard reads its own rows as one range of the key:
// at most one row per day for the day figures. No foreign keys: rollups are derived data, rebuilt at will.
internal sealed class InsightAlertDayConfiguration : IEntityTypeConfiguration<InsightAlertDay>
{
    public void Configure(EntityTypeBuilder<InsightAlertDay> builder)
    {
        builder.HasKey(d => new { d.Scope, d.ScopeId, d.Day });
    }
}

internal sealed class InsightAlertCategoryConfiguration : IEntityTypeConfiguration<InsightAlertCategory>
{
    public void Configure(EntityTypeBuilder<InsightAlertCategory> builder)
    {
        builder.HasKey(c => new { c.Scope, c.ScopeId, c.Period, c.Day, c.FailureCategoryId, c.ClientId, c.RevenueAtRisk });
    }
}
