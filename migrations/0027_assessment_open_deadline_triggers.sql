-- An assessment request's next deadline while it is open (assessment_requests.open_deadline): the soonest running
-- statutory clock started on or after the request and before any later request of the pupil; NULL once none runs.
-- Kept here, by the clocks themselves, so whatever starts or stops them (a request, the LA's decision, a plan issued,
-- a record closed) keeps the LA's list ordered on its index. The kinds are worker/dashboards/la-casework.ts's
-- assessmentClockKinds.
CREATE TRIGGER assessment_deadline_clock_started AFTER INSERT ON clocks
WHEN NEW.kind IN ('statutoryAssessmentDecision', 'ehcAssessmentDecision', 'ehcFinalPlan')
BEGIN
  UPDATE assessment_requests SET open_deadline = (
    SELECT min(c.due_on) FROM clocks c
    WHERE c.pupil_id = assessment_requests.pupil_id AND c.stopped_at IS NULL AND c.kind IN ('statutoryAssessmentDecision', 'ehcAssessmentDecision', 'ehcFinalPlan')
      AND c.started_on >= assessment_requests.requested_on
      AND NOT EXISTS (
        SELECT 1 FROM assessment_requests later
        WHERE later.pupil_id = assessment_requests.pupil_id AND later.requested_on > assessment_requests.requested_on AND later.requested_on <= c.started_on
      )
  )
  WHERE pupil_id = NEW.pupil_id;
END;
--> statement-breakpoint
CREATE TRIGGER assessment_deadline_clock_changed AFTER UPDATE OF stopped_at, due_on ON clocks
WHEN NEW.kind IN ('statutoryAssessmentDecision', 'ehcAssessmentDecision', 'ehcFinalPlan')
BEGIN
  UPDATE assessment_requests SET open_deadline = (
    SELECT min(c.due_on) FROM clocks c
    WHERE c.pupil_id = assessment_requests.pupil_id AND c.stopped_at IS NULL AND c.kind IN ('statutoryAssessmentDecision', 'ehcAssessmentDecision', 'ehcFinalPlan')
      AND c.started_on >= assessment_requests.requested_on
      AND NOT EXISTS (
        SELECT 1 FROM assessment_requests later
        WHERE later.pupil_id = assessment_requests.pupil_id AND later.requested_on > assessment_requests.requested_on AND later.requested_on <= c.started_on
      )
  )
  WHERE pupil_id = NEW.pupil_id;
END;
--> statement-breakpoint
CREATE TRIGGER assessment_deadline_request_made AFTER INSERT ON assessment_requests
BEGIN
  UPDATE assessment_requests SET open_deadline = (
    SELECT min(c.due_on) FROM clocks c
    WHERE c.pupil_id = assessment_requests.pupil_id AND c.stopped_at IS NULL AND c.kind IN ('statutoryAssessmentDecision', 'ehcAssessmentDecision', 'ehcFinalPlan')
      AND c.started_on >= assessment_requests.requested_on
      AND NOT EXISTS (
        SELECT 1 FROM assessment_requests later
        WHERE later.pupil_id = assessment_requests.pupil_id AND later.requested_on > assessment_requests.requested_on AND later.requested_on <= c.started_on
      )
  )
  WHERE pupil_id = NEW.pupil_id;
END;
--> statement-breakpoint
UPDATE assessment_requests SET open_deadline = (
    SELECT min(c.due_on) FROM clocks c
    WHERE c.pupil_id = assessment_requests.pupil_id AND c.stopped_at IS NULL AND c.kind IN ('statutoryAssessmentDecision', 'ehcAssessmentDecision', 'ehcFinalPlan')
      AND c.started_on >= assessment_requests.requested_on
      AND NOT EXISTS (
        SELECT 1 FROM assessment_requests later
        WHERE later.pupil_id = assessment_requests.pupil_id AND later.requested_on > assessment_requests.requested_on AND later.requested_on <= c.started_on
      )
  );
