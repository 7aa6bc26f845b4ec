using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.Surveys;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        // One rating per invitation: a second submission is an edit, never a second row.
        builder.HasIndex(r => r.InvitationId).IsUnique();
        builder.HasIndex(r => r.TransactionId);
        builder.HasIndex(r => new { r.ClientId, r.SubmittedAt });
        builder.HasIndex(r => new { r.ServiceLineId, r.SubmittedAt });
        builder.HasIndex(r => new { r.TeamId, r.SubmittedAt });
        builder.HasIndex(r => r.SubmittedAt);
        builder.Property(r => r.Comment).HasMaxLength(Rating.MaxCommentLength);
        builder.Property(r => r.Language).HasMaxLength(Limits.Language);
        builder.HasOne<SurveyInvitation>().WithMany().HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.FailureCategories).WithOne().HasForeignKey(c => c.RatingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.FailureCategories).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RatingFailureCategoryConfiguration : IEntityTypeConfiguration<RatingFailureCategory>
{
    public void Configure(EntityTypeBuilder<RatingFailureCategory> builder)
    {
        builder.HasKey(c => new { c.RatingId, c.FailureCategoryId });
        builder.HasIndex(c => c.FailureCategoryId);
        builder.HasOne<FailureCategory>().WithMany().HasForeignKey(c => c.FailureCategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FailureCategoryConfiguration : IEntityTypeConfiguration<FailureCategory>
{
    public void Configure(EntityTypeBuilder<FailureCategory> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Description).HasMaxLength(300);
        builder.HasIndex(c => c.Name).IsUnique();
    }
}
