package org.chamberpulse.ingest;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Writes plausible public posts about council business, for the sample meeting and the load generator:
 * supportive, critical and neutral voices per topic, emoji and shouting, negation, and a few posts in
 * Welsh. Seeded by the caller, so the same seed writes the same posts.
 */
public final class PostWriter {

    public enum Topic { GENERAL, PROCEDURE, QUESTIONS, PETITIONS, BUDGET, CLEAN_AIR, LIBRARIES, EXEMPT, CLOSE }

    private static final Map<Topic, List<String>> SUPPORTIVE = Map.of(
            Topic.GENERAL, List.of("Good to see the council streaming this live", "Great turnout in the gallery today 👏",
                    "Really glad they take questions from the public", "Watching from Kings Heath, excellent sound today"),
            Topic.PROCEDURE, List.of("Nice and quick, well chaired", "Good that the declarations are read out properly",
                    "Minutes approved without fuss, good"),
            Topic.QUESTIONS, List.of("Brilliant question about the bus lanes on the Hagley Road", "Great answer on pothole repairs, finally some dates",
                    "Thank you for the clear reply on school crossings", "Really helpful answer on bin collections 👍",
                    "Excellent point from the resident about street lighting"),
            Topic.PETITIONS, List.of("Well done to everyone who signed the park petition", "Fantastic to see 3,000 signatures recognised",
                    "Great that the petition on the swimming baths is being heard"),
            Topic.BUDGET, List.of("Protecting adult social care is the right call", "Good to see investment in youth services 👏",
                    "Sensible plan to protect libraries and children's centres", "Finally a budget that puts repairs first",
                    "Glad the council tax rise is below the cap"),
            Topic.CLEAN_AIR, List.of("Cleaner air for our kids, fully support the expansion 🌳", "The Clean Air Zone has worked, extend it!",
                    "Great motion, my son's asthma has improved since the zone", "Support this, the air on the ring road is awful"),
            Topic.LIBRARIES, List.of("Keep the libraries open on Saturdays, brilliant motion 📚", "Libraries are lifelines, great to see cross-party support",
                    "Lovely speech about the Balsall Heath library"),
            Topic.EXEMPT, List.of("Fair enough, some things have to be private", "Understandable that this part is closed"),
            Topic.CLOSE, List.of("Thanks all, a good meeting", "Well chaired tonight, thank you", "Great debate, democracy working 🙂"));

    private static final Map<Topic, List<String>> CRITICAL = Map.of(
            Topic.GENERAL, List.of("The stream keeps buffering, can't hear a thing", "Why does this always start late?",
                    "Terrible sound on the livestream again"),
            Topic.PROCEDURE, List.of("Half the cabinet sending apologies again, disappointing", "Not impressed that the minutes were wrong again"),
            Topic.QUESTIONS, List.of("That answer on potholes was not good enough", "Didn't answer the question at all 😡",
                    "Another non-answer on the bus cuts", "Residents deserve better than this on bin strikes",
                    "The reply on housing repairs is frankly shameful"),
            Topic.PETITIONS, List.of("Petition ignored again, what is the point", "They never act on petitions, useless"),
            Topic.BUDGET, List.of("These cuts will hurt the poorest families", "Council tax up AGAIN and services worse",
                    "Cutting youth services is a disgrace 😠", "This budget is a disaster for adult social care",
                    "Not another rise, we can't afford it", "Shameful cuts to children's centres"),
            Topic.CLEAN_AIR, List.of("The Clean Air Zone is killing small businesses", "Another tax on drivers, vote NO",
                    "Traders in Digbeth can't afford this charge 😡", "Expanding the zone is a terrible idea"),
            Topic.LIBRARIES, List.of("Closing libraries is a false economy", "Why cut opening hours when usage is rising?"),
            Topic.EXEMPT, List.of("Why is this secret? Terrible transparency", "Not happy that the public is kicked out"),
            Topic.CLOSE, List.of("Three hours and nothing decided", "Poor meeting, lots of shouting"));

    private static final Map<Topic, List<String>> NEUTRAL = Map.of(
            Topic.GENERAL, List.of("Tuning in for the full council meeting", "Is the agenda online somewhere?",
                    "Which item are they on now?", "Starting soon"),
            Topic.PROCEDURE, List.of("Apologies being read out now", "Declarations of interest next", "Minutes of the last meeting up now"),
            Topic.QUESTIONS, List.of("Question 3 is about the Hagley Road", "Public questions have started", "Next question is on bin collections",
                    "Who is answering for transport?"),
            Topic.PETITIONS, List.of("Petitions now", "Petition on the park in Sparkhill"),
            Topic.BUDGET, List.of("Budget debate starting", "The council tax proposal is 4.99%", "Leader presenting the budget now",
                    "Amendment from the opposition being moved", "Vote on the budget soon"),
            Topic.CLEAN_AIR, List.of("Clean Air Zone motion now", "The motion proposes extending the zone to the middle ring road",
                    "Councillor seconding the motion"),
            Topic.LIBRARIES, List.of("Library motion next", "Motion on opening hours being moved"),
            Topic.EXEMPT, List.of("Stream paused for exempt business", "Public excluded for this item"),
            Topic.CLOSE, List.of("Meeting closed", "That's the end of the meeting"));

    private static final List<String> WELSH = List.of(
            "Diolch yn fawr i'r cyngor am ffrydio'r cyfarfod heddiw",
            "Mae angen mwy o arian ar gyfer y llyfrgelloedd yn ein cymunedau ni",
            "Dydw i ddim yn cytuno gyda'r toriadau i'r gwasanaethau ieuenctid o gwbl",
            "Pryd fydd y cyngor yn ateb y cwestiwn am y bysiau?",
            "Mae'r aer yn y ddinas yn llawer gwell nawr, diolch");

    private static final Map<Topic, List<String>> TOPIC_TAGS = Map.of(
            Topic.GENERAL, List.of("brum", "birmingham"),
            Topic.PROCEDURE, List.of("localgov"),
            Topic.QUESTIONS, List.of("potholes", "buses", "bins"),
            Topic.PETITIONS, List.of("petition", "parks"),
            Topic.BUDGET, List.of("budget", "counciltax", "socialcare"),
            Topic.CLEAN_AIR, List.of("cleanair", "caz", "digbeth"),
            Topic.LIBRARIES, List.of("libraries", "savelibraries"),
            Topic.EXEMPT, List.of("transparency"),
            Topic.CLOSE, List.of("localgov"));

    /** A post and the language it is written in. */
    public record Post(String text, String lang) {
    }

    /** Openers and closers people add: with them, two people rarely write exactly the same post. */
    private static final List<String> OPENERS = List.of("", "", "", "", "Honestly, ", "Wow. ", "So ", "Hmm, ", "Right, ", "Well, ",
            "Just saying: ", "Watching from Selly Oak: ", "From Erdington: ", "Agree with the last speaker. ", "Meanwhile ",
            "Oh dear. ", "Yes! ", "Ugh. ", "Can I just say ", "Not going to lie, ", "Listening in from Acocks Green: ",
            "As a Sparkhill resident, ", "Quick thought: ", "For the record, ", "Again: ", "Sorry but ", "Big moment. ");
    private static final List<String> CLOSERS = List.of("", "", "", "", ".", "!", " 🙄", " 👍", " tbh", " imo", " again", " tonight",
            " as usual", " for once", ", just saying", " (watching on the stream)", " #brum", " - thoughts?", ", surely", " 🤔",
            " in my view", ", honestly", " 😊", " 👀");

    private final RandomGenerator random;

    public PostWriter(RandomGenerator random) {
        this.random = random;
    }

    /** A post on the topic; {@code negativeShare} of them critical, a third of the rest neutral. */
    public Post write(Topic topic, double negativeShare, String meetingHashtag, String itemNumber) {
        if (random.nextDouble() < 0.012) {
            return new Post(pick(WELSH) + " #" + meetingHashtag, "cy");
        }
        double r = random.nextDouble();
        String text = r < negativeShare ? pick(CRITICAL.get(topic))
                : r < negativeShare + (1 - negativeShare) / 3 ? pick(NEUTRAL.get(topic)) : pick(SUPPORTIVE.get(topic));
        String opener = pick(OPENERS);
        StringBuilder post = new StringBuilder(opener.isEmpty() ? text
                : opener + Character.toLowerCase(text.charAt(0)) + text.substring(1)).append(pick(CLOSERS));
        if (random.nextDouble() < 0.08) {
            post.append(random.nextBoolean() ? "!!!" : "?!");
        }
        if (random.nextDouble() < 0.35) {
            post.append(" #").append(pick(TOPIC_TAGS.get(topic)));
        }
        if (itemNumber != null && random.nextDouble() < 0.06) {
            post.append(" #item").append(itemNumber);
        }
        post.append(" #").append(meetingHashtag);
        return new Post(post.toString(), "en");
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
