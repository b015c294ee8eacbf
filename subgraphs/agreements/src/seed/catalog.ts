/**
 * The words of the demo: MOU titles and what each kind of agency typically
 * undertakes under one, in English and Persian.
 */
export const DEMO_TITLES: Record<string, { title: string; titleFa: string }> = {
  'MOU-IR-10-TRAFFIC-1403': {
    title: 'Isfahan Province Road Safety MOU 1403',
    titleFa: 'تفاهم‌نامه ارتقای ایمنی ترافیک استان اصفهان ۱۴۰۳',
  },
  'MOU-IR-10-ADDICTION-1403': {
    title: 'Isfahan Province Addiction Prevention MOU 1403',
    titleFa: 'تفاهم‌نامه پیشگیری از اعتیاد استان اصفهان ۱۴۰۳',
  },
  'MOU-IR-10-FAMILY-1403': {
    title: 'Isfahan Province Family Strengthening and Divorce Prevention MOU 1403',
    titleFa: 'تفاهم‌نامه تحکیم خانواده و پیشگیری از طلاق استان اصفهان ۱۴۰۳',
  },
  'MOU-IR-10-SCHOOLS-1404': {
    title: 'Safe Schools MOU 1404: Road Safety and Drug Prevention Education',
    titleFa: 'تفاهم‌نامه مدرسه ایمن ۱۴۰۴: آموزش ایمنی ترافیک و پیشگیری از اعتیاد',
  },
  'MOU-IR-10-12-ROADS-1404': {
    title: 'Kashan County Safer Roads MOU 1404',
    titleFa: 'تفاهم‌نامه راه‌های ایمن شهرستان کاشان ۱۴۰۴',
  },
  'MOU-IR-10-CYBER-1405': {
    title: 'Isfahan Province Cyber Safety MOU 1405',
    titleFa: 'تفاهم‌نامه امنیت فضای مجازی استان اصفهان ۱۴۰۵',
  },
  'MOU-IR-TRAFFIC-1404': {
    title: 'National Road Safety MOU 1404',
    titleFa: 'تفاهم‌نامه ملی ارتقای ایمنی ترافیک ۱۴۰۴',
  },
  'MOU-IR-ADDICTION-1404': {
    title: 'National Addiction Prevention MOU 1404',
    titleFa: 'تفاهم‌نامه ملی پیشگیری از اعتیاد ۱۴۰۴',
  },
  'MOU-IR-FAMILY-1404': {
    title: 'National Family Counselling MOU 1404',
    titleFa: 'تفاهم‌نامه ملی مشاوره و تحکیم خانواده ۱۴۰۴',
  },
  'MOU-IR-07-TRAFFIC-1404': {
    title: 'Fars Province Road Safety MOU 1404',
    titleFa: 'تفاهم‌نامه ارتقای ایمنی ترافیک استان فارس ۱۴۰۴',
  },
  'MOU-IR-23-TRAFFIC-1404': {
    title: 'Tehran Province Road Safety MOU 1404',
    titleFa: 'تفاهم‌نامه ارتقای ایمنی ترافیک استان تهران ۱۴۰۴',
  },
  'MOU-IR-09-ADDICTION-1404': {
    title: 'Razavi Khorasan Province Addiction Prevention MOU 1404',
    titleFa: 'تفاهم‌نامه پیشگیری از اعتیاد استان خراسان رضوی ۱۴۰۴',
  },
  'MOU-IR-06-FAMILY-1404': {
    title: 'Khuzestan Province Family Strengthening MOU 1404',
    titleFa: 'تفاهم‌نامه تحکیم خانواده استان خوزستان ۱۴۰۴',
  },
};

export const DOMAIN_NAMES: Record<string, { name: string; nameFa: string }> = {
  TRAFFIC: { name: 'road safety', nameFa: 'ایمنی ترافیک' },
  ADDICTION: { name: 'addiction prevention', nameFa: 'پیشگیری از اعتیاد' },
  FAMILY: { name: 'family strengthening', nameFa: 'تحکیم خانواده' },
  LAWLESSNESS: { name: 'crime prevention', nameFa: 'پیشگیری از جرم' },
  CYBER: { name: 'cyber safety', nameFa: 'امنیت فضای مجازی' },
};

type Undertaking = readonly [english: string, persian: string];

/** Three typical undertakings per agency kind (AgencyKind). */
export const COMMITMENTS_BY_AGENCY_KIND: Record<string, readonly Undertaking[]> = {
  POLICE: [
    ['Deploy enforcement patrols at high-risk hotspots every month', 'استقرار گشت‌های انتظامی در نقاط پرخطر به‌صورت ماهانه'],
    ['Share monthly incident statistics with the partner agencies', 'ارائه ماهانه آمار حوادث به دستگاه‌های همکار'],
    ['Staff the family counselling units of police stations', 'تأمین نیروی انسانی واحدهای مشاوره خانواده کلانتری‌ها'],
  ],
  HEALTH: [
    [
      'Report road-crash and overdose deaths to the joint secretariat within 48 hours',
      'گزارش فوتی‌های حوادث رانندگی و مسمومیت با مواد به دبیرخانه مشترک ظرف ۴۸ ساعت',
    ],
    ['Open treatment places for referred clients in every county health network', 'فراهم‌کردن ظرفیت درمان برای مراجعان ارجاعی در شبکه بهداشت هر شهرستان'],
    ['Train emergency staff in pre-hospital trauma care', 'آموزش کارکنان اورژانس در مراقبت‌های پیش‌بیمارستانی تروما'],
  ],
  WELFARE: [
    [
      'Provide free family counselling sessions through the 1480 line and counselling centres',
      'ارائه جلسات رایگان مشاوره خانواده از طریق خط ۱۴۸۰ و مراکز مشاوره',
    ],
    ['Run community-based addiction prevention programmes in neighbourhoods', 'اجرای برنامه‌های پیشگیری اجتماع‌محور از اعتیاد در محلات'],
    ['Refer families at risk to the social emergency service', 'ارجاع خانواده‌های در معرض خطر به اورژانس اجتماعی'],
  ],
  EDUCATION: [
    ['Hold life-skills and drug prevention classes in secondary schools', 'برگزاری کلاس‌های مهارت‌های زندگی و پیشگیری از اعتیاد در مدارس متوسطه'],
    ['Teach road-safety lessons to primary school pupils', 'آموزش ایمنی عبور و مرور به دانش‌آموزان دبستانی'],
    ['Run parent education sessions in every school', 'برگزاری جلسات آموزش خانواده در همه مدارس'],
  ],
  JUDICIARY: [
    ['Refer divorce applicants to counselling before the hearing', 'ارجاع متقاضیان طلاق به مشاوره پیش از رسیدگی به پرونده'],
    ['Offer alternative sentences that include treatment to drug offenders', 'صدور مجازات‌های جایگزین همراه با درمان برای مجرمان مواد مخدر'],
    ['Share anonymised case statistics every quarter', 'ارائه فصلی آمار بی‌نام پرونده‌ها'],
  ],
  MUNICIPALITY: [
    ['Fix lighting and pedestrian crossings at the city’s high-crash locations', 'اصلاح روشنایی و گذرگاه‌های عابر پیاده در نقاط حادثه‌خیز شهر'],
    ['Provide billboard space for public safety campaigns', 'اختصاص فضای تبلیغات محیطی به پویش‌های ایمنی عمومی'],
    ['Host the anti-narcotics exhibition in the city’s cultural centres', 'میزبانی نمایشگاه مبارزه با مواد مخدر در فرهنگسراهای شهر'],
  ],
  ROADS: [
    ['Remove the black spots identified on provincial roads', 'رفع نقاط حادثه‌خیز شناسایی‌شده در راه‌های استان'],
    ['Install speed cameras on high-risk interurban routes', 'نصب دوربین‌های ثبت تخلف سرعت در محورهای برون‌شهری پرخطر'],
    ['Add guard rails and signs on mountain roads', 'نصب گاردریل و تابلو در جاده‌های کوهستانی'],
  ],
  RED_CRESCENT: [
    ['Staff road rescue posts on the Nowruz travel routes', 'استقرار پایگاه‌های امداد جاده‌ای در مسیرهای سفرهای نوروزی'],
    ['Train volunteers in first aid for crash victims', 'آموزش کمک‌های اولیه به داوطلبان برای مصدومان حوادث رانندگی'],
    ['Take part in prevention education in youth centres', 'مشارکت در آموزش‌های پیشگیرانه در کانون‌های جوانان'],
  ],
  BROADCASTING: [
    ['Air road-safety messages at peak hours on the provincial channel', 'پخش پیام‌های ایمنی ترافیک در ساعات پربیننده شبکه استانی'],
    ['Produce a weekly programme on family life and addiction prevention', 'تولید برنامه هفتگی درباره خانواده و پیشگیری از اعتیاد'],
    ['Cover the anti-narcotics exhibition and the prevention week', 'پوشش خبری نمایشگاه و هفته مبارزه با مواد مخدر'],
  ],
  RELIGIOUS_AFFAIRS: [
    ['Include prevention topics in Friday sermons and mosque programmes', 'گنجاندن موضوعات پیشگیری در خطبه‌های نماز جمعه و برنامه‌های مساجد'],
    ['Train clerics as family counsellors', 'آموزش روحانیون به‌عنوان مشاور خانواده'],
    ['Hold pre-marriage education sessions', 'برگزاری جلسات آموزش پیش از ازدواج'],
  ],
  OTHER: [
    ['Coordinate the partner agencies and publish a quarterly scorecard', 'هماهنگی دستگاه‌های همکار و انتشار کارنامه فصلی'],
    ['Fund prevention programmes from the council’s budget', 'تأمین اعتبار برنامه‌های پیشگیری از محل بودجه شورا'],
    ['Collect and verify the figures behind the MOU’s targets', 'گردآوری و راستی‌آزمایی آمار اهداف تفاهم‌نامه'],
  ],
};
