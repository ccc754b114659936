package org.openlearning.bench;

import java.util.List;
import java.util.Map;

/**
 * The words the search benchmark's catalog is made of, and its queries too: subjects by category
 * (with the skills they teach), title patterns, the names of partners and instructors.
 */
final class CourseVocabulary {

    /** A category: its subjects (what titles are about) and the skills its courses list. */
    record Category(String name, List<String> subjects, List<String> skills) {
    }

    static final List<Category> CATEGORIES = List.of(
            new Category("Data Science", List.of("Machine Learning", "Data Analysis", "Deep Learning", "Statistics",
                    "Data Visualization", "Natural Language Processing", "Time Series Forecasting", "Big Data",
                    "Reinforcement Learning", "Computer Vision"),
                    List.of("Python", "R", "pandas", "NumPy", "scikit-learn", "TensorFlow", "PyTorch", "SQL",
                            "Regression", "Classification", "Clustering", "Feature Engineering", "Tableau")),
            new Category("Computer Science", List.of("Algorithms", "Data Structures", "Operating Systems",
                    "Compilers", "Distributed Systems", "Computer Networks", "Software Engineering",
                    "Functional Programming", "Object-Oriented Design", "Computer Architecture"),
                    List.of("Java", "C++", "Rust", "Go", "Haskell", "Recursion", "Graph Algorithms", "Concurrency",
                            "Testing", "Git", "Design Patterns", "Complexity Analysis")),
            new Category("Information Technology", List.of("Cloud Computing", "Cybersecurity", "Network Security",
                    "DevOps", "Linux Administration", "Kubernetes", "Database Administration", "IT Support",
                    "Site Reliability Engineering"),
                    List.of("AWS", "Azure", "Docker", "Kubernetes", "Terraform", "Bash", "Networking", "Firewalls",
                            "Incident Response", "PostgreSQL", "Monitoring", "CI/CD")),
            new Category("Business", List.of("Project Management", "Strategic Management", "Entrepreneurship",
                    "Supply Chain Management", "Operations Management", "Leadership", "Negotiation",
                    "Business Analytics", "Human Resource Management"),
                    List.of("Agile", "Scrum", "Excel", "Stakeholder Management", "Business Strategy", "Lean",
                            "Six Sigma", "Team Building", "Decision Making", "Communication")),
            new Category("Finance", List.of("Financial Accounting", "Corporate Finance", "Investment Management",
                    "Financial Markets", "Personal Finance", "Risk Management", "Blockchain and Cryptocurrency",
                    "Valuation", "Managerial Accounting"),
                    List.of("Financial Modeling", "Excel", "Accounting", "Portfolio Management", "Derivatives",
                            "Budgeting", "Financial Analysis", "Auditing", "Taxation", "Bonds")),
            new Category("Marketing", List.of("Digital Marketing", "Social Media Marketing", "Brand Management",
                    "Content Strategy", "Search Engine Optimization", "Marketing Analytics", "Consumer Behavior"),
                    List.of("SEO", "Google Analytics", "Copywriting", "Market Research", "Advertising",
                            "Email Marketing", "Branding", "A/B Testing")),
            new Category("Design", List.of("User Experience Design", "Graphic Design", "Interaction Design",
                    "Web Design", "Game Design", "Typography", "Product Design"),
                    List.of("Figma", "Prototyping", "User Research", "Wireframing", "Adobe Photoshop",
                            "Color Theory", "Accessibility", "Usability Testing")),
            new Category("Health", List.of("Public Health", "Nutrition", "Epidemiology", "Global Health",
                    "Anatomy", "Mental Health", "Healthcare Management", "Clinical Research"),
                    List.of("Biostatistics", "Patient Care", "Health Policy", "Clinical Trials", "Physiology",
                            "Wellness", "Pharmacology", "Medical Terminology")),
            new Category("Physical Science and Engineering", List.of("Electrical Engineering", "Robotics",
                    "Thermodynamics", "Quantum Physics", "Materials Science", "Renewable Energy", "Astronomy",
                    "Chemistry", "Control Systems"),
                    List.of("MATLAB", "Circuit Design", "Simulation", "Calculus", "Mechanics", "Signal Processing",
                            "CAD", "Energy Systems", "Lab Techniques")),
            new Category("Mathematics and Logic", List.of("Linear Algebra", "Calculus", "Probability",
                    "Discrete Mathematics", "Mathematical Logic", "Optimization", "Number Theory"),
                    List.of("Proofs", "Matrices", "Differential Equations", "Bayesian Inference", "Combinatorics",
                            "Linear Programming", "Graph Theory")),
            new Category("Social Sciences", List.of("Psychology", "Economics", "Sociology", "Political Science",
                    "International Relations", "Behavioral Economics", "Urban Planning"),
                    List.of("Research Methods", "Econometrics", "Game Theory", "Policy Analysis", "Survey Design",
                            "Critical Thinking")),
            new Category("Arts and Humanities", List.of("Philosophy", "World History", "Music Theory",
                    "Creative Writing", "Art History", "Film Studies", "Classical Literature"),
                    List.of("Writing", "Storytelling", "Critical Analysis", "Composition", "Ethics", "Rhetoric",
                            "Poetry")),
            new Category("Language Learning", List.of("English Grammar", "Spanish", "Mandarin Chinese", "French",
                    "German", "Academic Writing", "Business English", "Japanese"),
                    List.of("Grammar", "Pronunciation", "Vocabulary", "Conversation", "Listening", "Reading",
                            "Writing")),
            new Category("Personal Development", List.of("Time Management", "Public Speaking", "Career Development",
                    "Learning How to Learn", "Emotional Intelligence", "Productivity", "Mindfulness"),
                    List.of("Goal Setting", "Presentation Skills", "Resilience", "Focus", "Habits", "Networking",
                            "Self Management")),
            new Category("Education", List.of("Instructional Design", "Teaching Online", "Educational Technology",
                    "Classroom Management", "Curriculum Design", "Assessment Design"),
                    List.of("Lesson Planning", "E-Learning", "Feedback", "Learning Theory", "Moodle",
                            "Differentiated Instruction")));

    /** Title patterns; {@code %s} is the subject. */
    static final List<String> TITLES = List.of("Introduction to %s", "Applied %s", "Foundations of %s",
            "Advanced %s", "Principles of %s", "%s for Beginners", "Practical %s", "%s Fundamentals",
            "Mastering %s", "%s: From Theory to Practice", "Essentials of %s", "%s in Practice",
            "%s for Professionals", "Hands-on %s", "%s Capstone Project", "Modern %s", "%s Specialization",
            "The Science of %s", "%s with Real-World Projects", "%s for Managers");

    /** Words put in front of a title pattern's subject in other languages (the subject stays in English). */
    static final Map<String, List<String>> LOCAL_TITLES = Map.of(
            "es", List.of("Introducción a %s", "%s aplicado", "Fundamentos de %s", "%s avanzado"),
            "fr", List.of("Introduction à %s", "%s appliqué", "Les fondamentaux de %s", "%s avancé"),
            "de", List.of("Einführung in %s", "Angewandte %s", "Grundlagen der %s", "%s für Fortgeschrittene"),
            "pt", List.of("Introdução a %s", "%s aplicada", "Fundamentos de %s", "%s avançado"),
            "zh", List.of("%s入门", "应用%s", "%s基础", "高级%s"));

    /** Adjectives that vary titles further. */
    static final List<String> QUALIFIERS = List.of("Financial", "Computational", "Quantitative", "Strategic",
            "Sustainable", "Global", "Digital", "Interactive", "Clinical", "Creative", "Industrial", "Ethical");

    static final List<String> AUDIENCES = List.of("beginners", "working professionals", "managers",
            "software engineers", "analysts", "students", "researchers", "career changers", "team leads");

    static final List<String> PLACES = List.of("Northfield", "Riverside", "Eastbrook", "Lakeshore", "Westmoor",
            "Harborview", "Silverton", "Greenhill", "Ashford", "Kingsbridge", "Bayfield", "Stonegate", "Fairhaven",
            "Oakridge", "Maplewood", "Clearwater", "Redwood", "Highland", "Brighton", "Cedar Falls");

    static final List<String> PARTNER_KINDS = List.of("University of %s", "%s State University", "%s Institute of Technology",
            "%s College", "%s Business School", "%s Labs", "%s Analytics", "%s Academy");

    static final List<String> FIRST_NAMES = List.of("Ana", "Ben", "Chen", "Daniela", "Elif", "Farid", "Grace",
            "Hiro", "Ines", "Jonas", "Kavya", "Liam", "Maria", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Samir",
            "Tara", "Uma", "Victor", "Wei", "Yara", "Zoe");

    static final List<String> LAST_NAMES = List.of("Andersen", "Bianchi", "Chowdhury", "Dubois", "Eriksen",
            "Fernandes", "García", "Hoffmann", "Ivanova", "Jensen", "Kowalski", "Li", "Müller", "Nakamura",
            "Okafor", "Patel", "Rossi", "Schmidt", "Tanaka", "Umarov", "Vargas", "Wang", "Yilmaz", "Zhang");

    /** Misspellings people type, by the correct word (the queries use them for typo tolerance). */
    static final Map<String, String> TYPOS = Map.of("Machine", "machne", "Learning", "learnig", "Accounting",
            "acounting", "Statistics", "statistcs", "Python", "pyhton", "Management", "managment", "Algorithms",
            "algoritms", "Psychology", "pyschology", "Marketing", "marketting", "Kubernetes", "kubernets");

    private CourseVocabulary() {
    }
}
